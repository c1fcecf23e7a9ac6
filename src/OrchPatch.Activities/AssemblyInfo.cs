// The activities are added by the activities issue; this assembly already carries the pack's identity.
[assembly: System.CLSCompliant(false)]
