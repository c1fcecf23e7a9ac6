using System;
using System.Collections.Generic;
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

    /// <summary>Whatever the driver throws on open or execute (a DbException, or anything else it was not expected
    /// to throw) reaches the user with the same context as a connection error: which database, never the password.</summary>
    [TestCase("open", "DbException", Description = "a driver's own error on open")]
    [TestCase("open", "PlatformNotSupportedException", Description = "a driver that cannot run here (Globalization Invariant Mode)")]
    [TestCase("open", "TypeInitializationException", Description = "a driver whose native part failed to load")]
    [TestCase("execute", "DbException", Description = "a driver's own error on a command")]
    [TestCase("execute", "NotSupportedException", Description = "a provider without a feature the command needs")]
    [TestCase("execute", "IOException", Description = "a connection torn down mid-command")]
    public void GetMaxJobs_DriverThrowsUnexpectedly_SaysWhereButNotTheSecret(string when, string what)
    {
        const string secret = "Pa55-w0rd!";
        var error = FakeDriverError(what, $"driver said: Password={secret};Data Source=SQL01");
        var throttle = new DatabaseThrottle(() => new ThrowingConnection(when, error), "SQL01/Orchestrator");

        var ex = Assert.ThrowsAsync<ThrottleException>(() => throttle.GetMaxJobsAsync("RB01"));

        Assert.That(ex!.Message, Does.StartWith("could not read max jobs of RB01 in the Orchestrator database (SQL01/Orchestrator): "));
        Assert.That(ex.Message, Does.Not.Contain(secret));
        Assert.That(ex.InnerException, Is.SameAs(error), "the driver's exception is kept for a debugger");
    }

    [Test]
    public void GetMaxJobs_CanceledWhileOpening_StaysACancellation()
    {
        var throttle = new DatabaseThrottle(() => new ThrowingConnection("open", new OperationCanceledException()), "SQL01/Orchestrator");

        Assert.ThrowsAsync<OperationCanceledException>(() => throttle.GetMaxJobsAsync("RB01"));
    }

    private static Exception FakeDriverError(string what, string message) => what switch
    {
        "DbException" => new FakeDbException(message),
        "PlatformNotSupportedException" => new PlatformNotSupportedException(message),
        "TypeInitializationException" => new TypeInitializationException("Driver.Native", new DllNotFoundException(message)),
        "NotSupportedException" => new NotSupportedException(message),
        "IOException" => new IOException(message),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [TestCase("", Description = "empty")]
    [TestCase("Data Source=SQL01;Password=Pa55-w0rd!;Bogus Keyword=1", Description = "malformed")]
    public void ForSqlServer_BadConnectionString_IsRefusedWithoutRepeatingIt(string connectionString)
    {
        var ex = Assert.Throws<ArgumentException>(() => DatabaseThrottle.ForSqlServer(connectionString));

        Assert.That(ex!.Message, Does.Contain("connection string").And.Not.Contain("Pa55-w0rd!"));
    }

    private sealed class FakeDbException : System.Data.Common.DbException
    {
        public FakeDbException(string message)
            : base(message)
        {
        }
    }

    /// <summary>A driver that throws <paramref name="error"/> on open, or on the first command.</summary>
    private sealed class ThrowingConnection : System.Data.Common.DbConnection
    {
        private readonly string _when;
        private readonly Exception _error;
        private System.Data.ConnectionState _state = System.Data.ConnectionState.Closed;

        public ThrowingConnection(string when, Exception error)
        {
            _when = when;
            _error = error;
        }

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string ConnectionString { get; set; } = string.Empty;

        public override string Database => "Orchestrator";

        public override string DataSource => "SQL01";

        public override string ServerVersion => "16.0";

        public override System.Data.ConnectionState State => _state;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Close() => _state = System.Data.ConnectionState.Closed;

        public override void Open()
        {
            if (_when == "open")
            {
                throw _error;
            }

            _state = System.Data.ConnectionState.Open;
        }

        protected override System.Data.Common.DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel) => throw _error;

        protected override System.Data.Common.DbCommand CreateDbCommand() => new ThrowingCommand(_error);
    }

    private sealed class ThrowingCommand : System.Data.Common.DbCommand
    {
        private readonly Exception _error;
        private readonly ParameterList _parameters = new();

        public ThrowingCommand(Exception error) => _error = error;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override int CommandTimeout { get; set; }

        public override System.Data.CommandType CommandType { get; set; }

        public override bool DesignTimeVisible { get; set; }

        public override System.Data.UpdateRowSource UpdatedRowSource { get; set; }

        protected override System.Data.Common.DbConnection? DbConnection { get; set; }

        protected override System.Data.Common.DbParameterCollection DbParameterCollection => _parameters;

        protected override System.Data.Common.DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery() => throw _error;

        public override object? ExecuteScalar() => throw _error;

        public override void Prepare()
        {
        }

        protected override System.Data.Common.DbParameter CreateDbParameter() => new Microsoft.Data.Sqlite.SqliteParameter();

        protected override System.Data.Common.DbDataReader ExecuteDbDataReader(System.Data.CommandBehavior behavior) => throw _error;

        private sealed class ParameterList : System.Data.Common.DbParameterCollection
        {
            private readonly List<object> _items = new();

            public override int Count => _items.Count;

            public override object SyncRoot => _items;

            public override int Add(object value)
            {
                _items.Add(value);
                return _items.Count - 1;
            }

            public override void AddRange(Array values)
            {
                foreach (var value in values)
                {
                    _items.Add(value!);
                }
            }

            public override void Clear() => _items.Clear();

            public override bool Contains(object value) => _items.Contains(value);

            public override bool Contains(string value) => false;

            public override void CopyTo(Array array, int index) => ((System.Collections.ICollection)_items).CopyTo(array, index);

            public override System.Collections.IEnumerator GetEnumerator() => _items.GetEnumerator();

            public override int IndexOf(object value) => _items.IndexOf(value);

            public override int IndexOf(string parameterName) => -1;

            public override void Insert(int index, object value) => _items.Insert(index, value);

            public override void Remove(object value) => _items.Remove(value);

            public override void RemoveAt(int index) => _items.RemoveAt(index);

            public override void RemoveAt(string parameterName)
            {
            }

            protected override System.Data.Common.DbParameter GetParameter(int index) => (System.Data.Common.DbParameter)_items[index];

            protected override System.Data.Common.DbParameter GetParameter(string parameterName) => throw new IndexOutOfRangeException(parameterName);

            protected override void SetParameter(int index, System.Data.Common.DbParameter value) => _items[index] = value;

            protected override void SetParameter(string parameterName, System.Data.Common.DbParameter value)
            {
            }
        }
    }
}
