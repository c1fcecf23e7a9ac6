using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using OrchPatch.Core.Throttle;

namespace OrchPatch.Core.Tests.Throttle;

/// <summary>DatabaseThrottle's real SQL, against SQLite with the reference's dbo.ACTIONSERVERS shape
/// (ATTACH ... AS dbo gives the dbo. prefix).</summary>
[TestFixture]
public sealed class DatabaseThrottleTests
{
    private string _folder = string.Empty;
    private string _dbo = string.Empty;

    [SetUp]
    public void CreateDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "orchpatch-db-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _dbo = Path.Combine(_folder, "dbo.db");
        Execute(@"
            CREATE TABLE dbo.ACTIONSERVERS (UniqueID TEXT PRIMARY KEY, Computer TEXT NOT NULL, Description TEXT, Type INTEGER,
                Priority INTEGER, IsPAS INTEGER, Heartbeat TEXT, Role INTEGER, MaxRunningPolicies INTEGER NOT NULL);
            CREATE TABLE dbo.UPDATES (Computer TEXT, Value INTEGER);
            CREATE TRIGGER dbo.audit AFTER UPDATE ON ACTIONSERVERS BEGIN INSERT INTO UPDATES VALUES (NEW.Computer, NEW.MaxRunningPolicies); END;
            INSERT INTO dbo.ACTIONSERVERS (UniqueID, Computer, MaxRunningPolicies) VALUES ('a', 'RB01', 50), ('b', 'RB02', 40);");
    }

    [TearDown]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection("Pooling=False;Data Source=" + Path.Combine(_folder, "main.db"));
        connection.Open();
        using var attach = connection.CreateCommand();
        attach.CommandText = "ATTACH DATABASE $path AS dbo";
        attach.Parameters.AddWithValue("$path", _dbo);
        attach.ExecuteNonQuery();
        return connection;
    }

    private DatabaseThrottle Throttle() => new(Connect, "SQLite test database");

    private void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Test]
    public async Task GetMaxJobs_KnownServer_ReadsItsRow_CaseInsensitively()
    {
        var throttle = Throttle();

        Assert.That((await throttle.GetMaxJobsAsync("RB02"), await throttle.GetMaxJobsAsync("rb01")), Is.EqualTo(((int?)40, (int?)50)));
    }

    [Test]
    public async Task SetMaxJobs_WritesExactlyThatRow()
    {
        await Throttle().SetMaxJobsAsync("RB01", 1);

        Assert.That((Scalar("SELECT MaxRunningPolicies FROM dbo.ACTIONSERVERS WHERE Computer='RB01'"), Scalar("SELECT MaxRunningPolicies FROM dbo.ACTIONSERVERS WHERE Computer='RB02'")), Is.EqualTo((1L, 40L)));
    }

    [Test]
    public async Task SetMaxJobs_ValueAlreadySet_SkipsTheWrite()
    {
        await Throttle().SetMaxJobsAsync("RB01", 50);

        Assert.That(Scalar("SELECT COUNT(*) FROM dbo.UPDATES"), Is.EqualTo(0));
    }

    [Test]
    public void GetMaxJobs_UnknownServer_NamesTheRowsThatExist()
    {
        var ex = Assert.ThrowsAsync<ThrottleException>(() => Throttle().GetMaxJobsAsync("RB09"));

        Assert.That(ex!.Message, Is.EqualTo("no row of dbo.ACTIONSERVERS in SQLite test database is named RB09 (rows: RB01, RB02)."));
    }

    [Test]
    public void SetMaxJobs_NameWithSqlInIt_MatchesNothingAndChangesNothing()
    {
        Assert.ThrowsAsync<ThrottleException>(() => Throttle().SetMaxJobsAsync("RB01' OR '1'='1", 1));

        Assert.That(Scalar("SELECT COUNT(*) FROM dbo.UPDATES"), Is.EqualTo(0));
    }

    [Test]
    public void SetMaxJobs_TwoRowsWithTheName_RefusesAndChangesNothing()
    {
        Execute("INSERT INTO dbo.ACTIONSERVERS (UniqueID, Computer, MaxRunningPolicies) VALUES ('c', 'rb01', 50)");

        var ex = Assert.ThrowsAsync<ThrottleException>(() => Throttle().SetMaxJobsAsync("RB01", 1));

        Assert.That(ex!.Message, Does.Contain("2 rows of dbo.ACTIONSERVERS"));
        Assert.That(Scalar("SELECT COUNT(*) FROM dbo.UPDATES"), Is.EqualTo(0));
    }

    [TestCase(0)]
    [TestCase(1001)]
    public void SetMaxJobs_OutOfRange_IsRefusedBeforeTheDatabase(int value)
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Throttle().SetMaxJobsAsync("RB01", value));

        Assert.That(Scalar("SELECT COUNT(*) FROM dbo.UPDATES"), Is.EqualTo(0));
    }

    [Test]
    public void GetMaxJobs_DatabaseUnreachable_SaysWhereButNotTheSecret()
    {
        const string secret = "Pa55-w0rd!";
        var connectionString = $"Data Source={Path.Combine(_folder, "missing", "orchestrator.db")};Mode=ReadOnly;Password={secret}";
        var throttle = new DatabaseThrottle(() => new SqliteConnection(connectionString), "SQL01/Orchestrator");

        var ex = Assert.ThrowsAsync<ThrottleException>(() => throttle.GetMaxJobsAsync("RB01"));

        Assert.That(ex!.Message, Does.StartWith("could not read max jobs of RB01 in the Orchestrator database (SQL01/Orchestrator): "));
        Assert.That(ex.ToString(), Does.Not.Contain(secret));
    }

    [TestCase("", Description = "empty")]
    [TestCase("Data Source=SQL01;Password=Pa55-w0rd!;Bogus Keyword=1", Description = "malformed")]
    public void ForSqlServer_BadConnectionString_IsRefusedWithoutRepeatingIt(string connectionString)
    {
        var ex = Assert.Throws<ArgumentException>(() => DatabaseThrottle.ForSqlServer(connectionString));

        Assert.That(ex!.Message, Does.Contain("connection string").And.Not.Contain("Pa55-w0rd!"));
    }
}
