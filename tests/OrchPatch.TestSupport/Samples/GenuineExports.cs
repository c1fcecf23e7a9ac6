using System;
using System.IO;

namespace OrchPatch.TestSupport.Samples;

/// <summary>
/// The genuine Runbook Designer exports, which this repository never copies in (nobody here wrote them, and their
/// licences are their authors'). Tests read them in place from the folder named by <c>ORCHPATCH_SAMPLES</c>; where it
/// is not set or does not hold them, a test that needs them is ignored and NUnit prints the reason.
/// </summary>
public static class GenuineExports
{
    /// <summary>The environment variable that names the folder of genuine exports.</summary>
    public const string Variable = "ORCHPATCH_SAMPLES";

    /// <summary>The export every test of a genuine shape starts from: it must be in the folder.</summary>
    public const string ExampleFileName = "ExampleRunbookv1.0.Scrubbed.ois_export";

    /// <summary>The folder, or the test is ignored with the reason.</summary>
    public static string Folder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(folder))
            {
                NUnit.Framework.Assert.Ignore($"{Variable} is not set: set it to the folder of genuine Runbook Designer exports to run this test.");
            }

            if (!File.Exists(Path.Combine(folder!, ExampleFileName)))
            {
                NUnit.Framework.Assert.Ignore($"{Variable} is '{folder}', which does not hold {ExampleFileName}: point it at the folder of genuine Runbook Designer exports.");
            }

            return Path.GetFullPath(folder!);
        }
    }

    /// <summary>The scrubbed example runbook export.</summary>
    public static string Example => Path.Combine(Folder, ExampleFileName);

    /// <summary>The Deploy VM export, whose disabled activity subscribes across branches.</summary>
    public static string DeployVm => Path.Combine(Folder, "deployvmrunbook.ois_export");
}
