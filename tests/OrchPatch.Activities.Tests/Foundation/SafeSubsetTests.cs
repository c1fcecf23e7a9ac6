using System.Linq;
using NUnit.Framework;

namespace OrchPatch.Activities.Tests.Foundation;

/// <summary>
/// The SDK's safe subset (docs/orchestrator-facts.md#the-integration-pack): a call into the SDK whose signature differs in the real DLL fails only at
/// run time on a customer's runbook server. The shipped activities may use only the safe subset; this reads every
/// SDK member and attribute argument the net472 assembly uses and compares it with that list.
/// </summary>
[TestFixture]
public sealed class SafeSubsetTests
{
    private static readonly string[] SafeMembers =
    {
        // A: attribute constructors and ActivityWarning (declarative model).
        "ActivityAttribute..ctor(String)",
        "ActivityDataAttribute..ctor(String)",
        "ActivityConfigurationAttribute..ctor()",
        "ActivityInputAttribute..ctor(String)",
        "ActivityOutputAttribute..ctor(String)",
        "ActivityMethodAttribute..ctor()",
        "ActivityFilterAttribute..ctor()",
        "ActivityFilterAttribute..ctor(String)",
        "ActivityWarning..ctor(String)",
        // A and B: the imperative members no activity can do without.
        "IActivityDesigner.AddInput(String)",
        "IActivityDesigner.AddOutput(String)",
        "IActivityInput.NotRequired()",
        "IActivityInput.WithBooleanBrowser()",
        "IActivityInput.WithComputerBrowser()",
        "IActivityInput.WithDateTimeBrowser()",
        "IActivityInput.WithDefaultValue(Object)",
        "IActivityInput.WithEnumBrowser(Type)",
        "IActivityInput.WithFileBrowser()",
        "IActivityOutput.AsString()",
        "IActivityOutput.AsNumber()",
        "IActivityOutput.AsDateTime()",
        "IActivityRequest.get_Inputs()",
        "IInputCollection.get_Item(String)",
        "IInputCollection.Contains(String)",
        "IRuntimeValue.AsString()",
        "IRuntimeValue.AsInt32()",
        "IRuntimeValue.AsBoolean()",
        "IRuntimeValue.AsDateTime()",
        "IActivityResponse.Publish(String,Object)",
    };

    private static readonly string[] SafeNamedArguments =
    {
        "ActivityAttribute.Description",
        "ActivityInputAttribute.Optional",
        "ActivityInputAttribute.PasswordProtected",
        "ActivityInputAttribute.Default",
        // docs/orchestrator-facts.md#the-integration-pack: on a declarative class [ActivityConfiguration] appears only with Usage = ExecuteOnly (S1 Mail/SMTPMailSend.cs).
        "ActivityConfigurationAttribute.Usage",
    };

    /// <summary>Output types seen in compiling public packs (docs/orchestrator-facts.md#the-integration-pack; README "Output shapes"): scalars,
    /// multi-valued strings or numbers (S1 Math/RandomNumber.cs), and one [ActivityData] object (S1 Net/PingHost.cs).</summary>
    private static readonly string[] EvidencedOutputTypes =
    {
        "String", "Int32", "DateTime", "Boolean", "String[]", "Int32[]", "IEnumerable`1<Int32>", "IEnumerable`1<String>",
    };

    [Test]
    public void ActivitiesNet472_EveryOutputHasAnEvidencedShape()
    {
        using var activities = new AssemblyInspector(BuildFacts.ActivitiesDll);
        var dataTypes = activities.TypesWithAttribute(DependencyRule.QikSdkName, "ActivityDataAttribute");

        var outputs = activities.PropertiesWithAttribute(DependencyRule.QikSdkName, "ActivityOutputAttribute");
        var unevidenced = outputs.Where(o => !EvidencedOutputTypes.Contains(o.Type) && !dataTypes.Contains(o.Type)).Select(o => $"{o.Property}: {o.Type}").ToArray();

        Assert.That(outputs, Has.Count.GreaterThan(20), "the inspector found the activities' outputs");
        Assert.That(unevidenced, Is.Empty, "outputs in a shape no public pack uses (a collection of [ActivityData] rows, for one)");
    }

    [Test]
    public void ActivitiesNet472_UsesOnlySafeSdkMembers()
    {
        using var activities = new AssemblyInspector(BuildFacts.ActivitiesDll);

        var unsafeMembers = activities.MemberReferencesInto(DependencyRule.QikSdkName).Distinct().Except(SafeMembers).ToArray();

        Assert.That(unsafeMembers, Is.Empty, "SDK members outside the safe subset of the SDK (docs/orchestrator-facts.md#the-integration-pack).");
    }

    [Test]
    public void ActivitiesNet472_SetsOnlySafeAttributeArguments()
    {
        using var activities = new AssemblyInspector(BuildFacts.ActivitiesDll);

        var unsafeArguments = activities.AttributeNamedArgumentsInto(DependencyRule.QikSdkName).Distinct().Except(SafeNamedArguments).ToArray();

        Assert.That(unsafeArguments, Is.Empty, "Attribute named arguments outside the safe subset (Options, Order, Description on inputs are unconfirmed).");
    }

    [Test]
    public void ActivitiesNet472_UsesTheSdk()
    {
        using var activities = new AssemblyInspector(BuildFacts.ActivitiesDll);

        Assert.That(activities.MemberReferencesInto(DependencyRule.QikSdkName), Does.Contain("ActivityDataAttribute..ctor(String)"),
            "The scan must see the SDK members the activities use; if it sees none, the two tests above prove nothing.");
    }
}
