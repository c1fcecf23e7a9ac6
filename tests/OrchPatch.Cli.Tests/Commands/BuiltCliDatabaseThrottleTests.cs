using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace OrchPatch.Cli.Tests.Commands;

/// <summary>Issue 13, item 3: the shipped CLI, run as a process, can open SQL Server connections. In invariant
/// globalization mode Microsoft.Data.SqlClient refused every connection ("Globalization Invariant Mode is not
/// supported"); in-process tests cannot see that setting, only the built orchpatch.dll with its runtimeconfig can.</summary>
[TestFixture]
public sealed class BuiltCliDatabaseThrottleTests
{
    private const string DatabasePassword = "Db-Secret!77";

    [Test]
    public void Status_DatabaseThrottleWhereNothingListens_SaysItCannotConnectNamingTheDataSourceAndNoPassword()
    {
        using var simulator = BuiltCli.Start(null, "simulate", "--port", "0", "--idle");
        try
        {
            var line = simulator.StandardOutput.ReadLine() ?? string.Empty;
            var url = Regex.Match(line, @"Orchestrator\.svc: (?<url>\S+?),").Groups["url"].Value;
            Assert.That(url, Is.Not.Empty, line);
            var port = ClosedLoopbackPort();

            using var status = BuiltCli.Start(null, "status", "--url", url, "--throttle", "database", "--connection-string",
                $"Data Source=127.0.0.1,{port};Initial Catalog=Orchestrator;User ID=sa;Password={DatabasePassword};Connect Timeout=2;Encrypt=false");
            var output = status.StandardOutput.ReadToEnd() + status.StandardError.ReadToEnd();
            Assert.That(status.WaitForExit(60_000), Is.True, output);

            Assert.Multiple(() =>
            {
                Assert.That(status.ExitCode, Is.EqualTo(0), output);
                Assert.That(output, Does.Not.Contain("Globalization Invariant Mode"));
                Assert.That(output, Does.Contain($"in the Orchestrator database (Data Source=127.0.0.1,{port}; Initial Catalog=Orchestrator)"));
                Assert.That(output, Does.Contain("error occurred while establishing a connection to SQL Server"));
                Assert.That(output, Does.Not.Contain(DatabasePassword));
            });
        }
        finally
        {
            simulator.Kill();
        }
    }

    /// <summary>A loopback port that was free a moment ago: nothing listens there.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
