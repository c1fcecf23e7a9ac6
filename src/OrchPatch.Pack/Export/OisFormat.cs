using System;
using System.Collections.Generic;

namespace OrchPatch.Pack.Export;

/// <summary>
/// The facts of the runbook export format (<c>.ois_export</c>) that both the writer and the validator rely on, taken
/// from genuine Runbook Designer exports (docs/orchestrator-facts.md, "The Integration Pack"): field orders, object types,
/// data markers. One place, so the writer cannot drift from what the validator checks.
/// </summary>
public static class OisFormat
{
    /// <summary>Published-data marker: <c>\`d.T.~Ed/{activity}.Name\`d.T.~Ed/</c> (a subscription).</summary>
    public const string PublishedDataMarker = "\\`d.T.~Ed/";

    /// <summary>Junction branch marker: <c>\`d.T.~Br/{activity}\`d.T.~Br/</c>.</summary>
    public const string BranchMarker = "\\`d.T.~Br/";

    /// <summary>Field wrapper inside toolkit <c>Properties</c> and <c>Filters</c>: <c>\`~F/value\`~F/</c>.</summary>
    public const string FieldMarker = "\\`~F/";

    /// <summary>The <c>datatype</c> attribute every field of a Policy or Object carries.</summary>
    public const string DataTypeAttribute = "datatype";

    /// <summary>The allowed <c>datatype</c> values.</summary>
    public static IReadOnlyList<string> DataTypes { get; } = new[] { "string", "int", "bool", "date", "null" };

    /// <summary>Policy (runbook) fields, in the order of every genuine export (A.4); the Objects follow them.</summary>
    public static IReadOnlyList<string> PolicyFields { get; } = new[]
    {
        "UniqueID", "Name", "ParentID", "CreationTime", "CreatedBy", "LastModified", "LastModifiedBy", "Enabled", "Flags",
        "ASC_UseServiceSecurity", "ASC_ThisAccount", "ASC_Username", "ASC_Password", "HasExtenders", "Type", "CheckOutUser",
        "CheckOutTime", "CheckOutLocation", "Schedule", "Deleted", "Priority", "CostDollar", "SavingsDollar", "CostTime",
        "SavingsTime", "Published", "PublishingTime", "ActionServer", "UsePreferredServers", "LogCommonData",
        "LogSpecificData", "Description", "PolicyTimeout", "NotifyOnFail", "MaxParallelRequests", "RunInPipelineMode",
        "ReturnDataDefinition", "PreferredServers",
    };

    /// <summary>The 32 fields every Object (activity or link) starts with, in order (A.5).</summary>
    public static IReadOnlyList<string> ObjectCommonFields { get; } = new[]
    {
        "UniqueID", "ParentID", "Name", "Description", "PositionX", "PositionY", "ObjectType", "SubType", "Enabled", "Flags",
        "ASC_UseServiceSecurity", "ASC_ThisAccount", "ASC_Username", "ASC_Password", "HasExtenders", "CreationTime",
        "CreatedBy", "LastModified", "LastModifiedBy", "Deleted", "Cost", "Savings", "Number", "AlternateDisplayData",
        "ASW_ObjectTimeout", "ASW_NotifyOnFail", "Flatten", "FlatUseLineBreak", "FlatUseCSV", "FlatUseCustomSep",
        "FlatCustomSep", "ObjectTypeName",
    };

    /// <summary>Built-in object types the samples use and the validator knows the layout of.</summary>
    public static class Types
    {
        /// <summary>Initialize Data.</summary>
        public static readonly ObjectTypeInfo CustomStart = new(new Guid("6C576F3D-E927-417A-B145-5D3EFF9C995F"), "Custom Start", new[] { Tables.CustomStartParameters });

        /// <summary>Invoke Runbook.</summary>
        public static readonly ObjectTypeInfo TriggerPolicy = new(new Guid("9C1BF9B4-515A-4FD2-A753-87D235D8BA1F"), "Trigger Policy", new[] { "PolicyObjectID", "PolicyPath", "TriggerByPolicyPath", "TargetActionServers", "WaitToComplete", Tables.TriggerPolicyParameters });

        /// <summary>Run .Net Script.</summary>
        public static readonly ObjectTypeInfo RunDotNetScript = new(new Guid("ED7F2A41-107A-4B74-BAFE-ADAE63632B79"), "Run .Net Script", new[] { "ScriptType", "ScriptBody", "Dependencies", "Namespaces", "ExecutionData", "PublishedData" });

        /// <summary>Return Data.</summary>
        public static readonly ObjectTypeInfo PublishPolicyData = new(new Guid("FA70125F-267E-4065-A4F6-D5493167D663"), "Publish Policy Data", new[] { Tables.PublishPolicyData });

        /// <summary>Junction.</summary>
        public static readonly ObjectTypeInfo Junction = new(new Guid("1C5F9236-92E0-4795-8CAA-1669B7643607"), "Junction", new[] { "SelectedBranch" });

        /// <summary>A link (links are Objects too).</summary>
        public static readonly ObjectTypeInfo Link = new(new Guid("7A65BD17-9532-4D07-A6DA-E0F89FA0203E"), "Link", new[] { "SourceObject", "TargetObject", "Color", "WaitDelay", "SubPoints", "And", "Label", "Width", Tables.Triggers });

        /// <summary>All of the above, by <c>ObjectTypeName</c>.</summary>
        public static IReadOnlyList<ObjectTypeInfo> Known { get; } = new[] { CustomStart, TriggerPolicy, RunDotNetScript, PublishPolicyData, Junction, Link };
    }

    /// <summary>The fields after <c>ObjectTypeName</c> of an Integration Toolkit (SDK) activity, in order (A.7, G2).</summary>
    public static IReadOnlyList<string> ToolkitFields { get; } = new[] { "Configuration", "Properties", "Filters", "ExecutionData" };

    /// <summary>The child tables of objects and the fields of their <c>Entry</c> rows, in order.</summary>
    public static class Tables
    {
        /// <summary>Initialize Data parameters.</summary>
        public const string CustomStartParameters = "CUSTOM_START_PARAMETERS";

        /// <summary>Invoke Runbook parameters.</summary>
        public const string TriggerPolicyParameters = "TRIGGER_POLICY_PARAMETERS";

        /// <summary>Return Data values.</summary>
        public const string PublishPolicyData = "PUBLISH_POLICY_DATA";

        /// <summary>Link conditions.</summary>
        public const string Triggers = "TRIGGERS";

        /// <summary>Entry fields per table (EMAIL_RECIPIENTS from the genuine Send Email activities, checked too).</summary>
        public static IReadOnlyDictionary<string, IReadOnlyList<string>> EntryFields { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [CustomStartParameters] = new[] { "UniqueID", "ParentID", "Value", "Type", "ParameterDescription", "GroupID" },
            [TriggerPolicyParameters] = new[] { "UniqueID", "ParentID", "Parameter", "Value", "GroupID", "ParameterName" },
            [PublishPolicyData] = new[] { "UniqueID", "ParentID", "Key", "Value" },
            [Triggers] = new[] { "UniqueID", "ParentID", "Type", "Condition", "Data", "Value", "GroupID" },
            ["EMAIL_RECIPIENTS"] = new[] { "UniqueID", "ParentID", "Type", "Address" },
        };
    }

    /// <summary>Link colours seen in genuine exports (the Designer's colour as a 0x00BBGGRR integer).</summary>
    public static class LinkColors
    {
        /// <summary>The default (black) link.</summary>
        public const int Default = 0;

        /// <summary>Red: a failure path.</summary>
        public const int Red = 255;

        /// <summary>Green.</summary>
        public const int Green = 65280;
    }

    /// <summary>Link condition results: which results of the source activity follow the link.</summary>
    public static class Results
    {
        /// <summary>The source succeeded.</summary>
        public const string Success = "success";

        /// <summary>The source ended with a warning or failed.</summary>
        public const string WarningOrFailed = "warning#failed";
    }
}

/// <summary>An object type: its GUID, its internal name (<c>ObjectTypeName</c>) and the fields after the common 32.</summary>
/// <param name="Id">The <c>ObjectType</c> GUID.</param>
/// <param name="Name">The <c>ObjectTypeName</c>.</param>
/// <param name="Fields">The type-specific fields and tables, in order.</param>
public sealed record ObjectTypeInfo(Guid Id, string Name, IReadOnlyList<string> Fields);
