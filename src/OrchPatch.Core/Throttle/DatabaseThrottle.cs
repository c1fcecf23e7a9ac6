using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OrchPatch.Core.Utils;

namespace OrchPatch.Core.Throttle;

/// <summary>
/// Reads and writes <c>dbo.ACTIONSERVERS.MaxRunningPolicies</c>, the column behind aspt.exe
/// (docs/orchestrator-facts.md#runbook-servers-dispatch-and-the-throttle), through ADO.NET with parameters, in a transaction, checking that exactly
/// one row changed.
/// </summary>
/// <remarks>
/// Writing the column directly is what the reference calls unsupported; aspt.exe is the supported tool, and it
/// documents that the Runbook Service must restart for a change to apply. The drain's verification step warns when a
/// job lands after the change, which is how a site finds out whether its Orchestrator applies it at once.
/// </remarks>
public sealed class DatabaseThrottle : IRunbookServerThrottle
{
    private const string SelectSql = "SELECT MaxRunningPolicies FROM dbo.ACTIONSERVERS WHERE UPPER(Computer) = UPPER(@computer)";
    private const string UpdateSql = "UPDATE dbo.ACTIONSERVERS SET MaxRunningPolicies = @max WHERE UPPER(Computer) = UPPER(@computer)";
    private const string ListSql = "SELECT Computer FROM dbo.ACTIONSERVERS";
    private readonly Func<DbConnection> _connect;
    private readonly string _target;
    private readonly int _commandTimeoutSeconds;
    private readonly string?[] _secrets;

    /// <summary>Creates the throttle over any ADO.NET provider (tests use SQLite with the reference's table shape).</summary>
    /// <param name="connect">Creates a connection (closed or open).</param>
    /// <param name="target">What the connection points at, for messages, never with credentials.</param>
    /// <param name="commandTimeout">How long one command may take.</param>
    public DatabaseThrottle(Func<DbConnection> connect, string target, TimeSpan? commandTimeout = null)
        : this(connect, target, commandTimeout, Array.Empty<string?>())
    {
    }

    private DatabaseThrottle(Func<DbConnection> connect, string target, TimeSpan? commandTimeout, string?[] secrets)
    {
        _secrets = secrets;
        _connect = Guard.NotNull(connect);
        _target = Guard.NotNull(target);
        _commandTimeoutSeconds = (int)Math.Ceiling((commandTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds);
    }

    /// <summary>The Orchestrator database on SQL Server (System.Data.SqlClient on .NET Framework, Microsoft.Data.SqlClient on .NET).</summary>
    /// <param name="connectionString">The connection string; it never appears in a message.</param>
    /// <param name="commandTimeout">How long one command may take.</param>
    /// <returns>The throttle.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed (the message does not repeat it).</exception>
    public static DatabaseThrottle ForSqlServer(string connectionString, TimeSpan? commandTimeout = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The database connection string is empty; set it to the Orchestrator database (Data Source=SQL01;Initial Catalog=Orchestrator;Integrated Security=True).", nameof(connectionString));
        }

        try
        {
#if NET472
            var builder = new System.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
            return new DatabaseThrottle(() => new System.Data.SqlClient.SqlConnection(connectionString), Redaction.DescribeConnectionString(connectionString), commandTimeout, new[] { builder.Password, connectionString });
#else
            var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
            return new DatabaseThrottle(() => new Microsoft.Data.SqlClient.SqlConnection(connectionString), Redaction.DescribeConnectionString(connectionString), commandTimeout, new[] { builder.Password, connectionString });
#endif
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException("The database connection string is malformed (" + Redaction.Scrub(ex.Message, new[] { connectionString }) + ").", nameof(connectionString));
        }
    }

    /// <inheritdoc />
    public string Name => "database";

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public async Task<int?> GetMaxJobsAsync(string serverName, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(serverName);
        return await WithConnectionAsync(serverName, "read", async connection =>
        {
            var values = await ReadAsync(connection, null, serverName, cancellationToken).ConfigureAwait(false);
            return await SingleAsync(connection, serverName, values, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetMaxJobsAsync(string serverName, int maxJobs, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(serverName);
        Guard.InRange(maxJobs, ThrottleLimits.MinMaxJobs, ThrottleLimits.MaxMaxJobs);
        await WithConnectionAsync(serverName, "set", async connection =>
        {
            using var transaction = connection.BeginTransaction();
            var current = await SingleAsync(connection, serverName, await ReadAsync(connection, transaction, serverName, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (current == maxJobs)
            {
                transaction.Rollback();
                return current;
            }

            using var update = Command(connection, transaction, UpdateSql, serverName);
            AddParameter(update, "@max", maxJobs);
            var changed = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (changed != 1)
            {
                transaction.Rollback();
                throw new ThrottleException(Name, serverName, $"updating max jobs of {serverName} in {_target} changed {changed} rows instead of 1; nothing was changed.");
            }

            transaction.Commit();
            return maxJobs;
        }).ConfigureAwait(false);
    }

    private async Task<int> WithConnectionAsync(string serverName, string verb, Func<DbConnection, Task<int>> work)
    {
        try
        {
            using var connection = _connect();
            if (connection.State != ConnectionState.Open)
            {
                await connection.OpenAsync().ConfigureAwait(false);
            }

            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ThrottleException and not OperationCanceledException and not OutOfMemoryException)
        {
            // Not only DbException: a driver throws what it likes on open or execute (PlatformNotSupportedException,
            // a TypeInitializationException from its native part, IOException mid-command), and each must reach the
            // user saying which database failed, never with the password (issue 13).
            throw new ThrottleException(Name, serverName, $"could not {verb} max jobs of {serverName} in the Orchestrator database ({_target}): {Describe(ex)}", ex);
        }
    }

    /// <summary>The driver's own words, scrubbed: a DbException's message as it is; anything else with its type (and,
    /// for a wrapper such as TypeInitializationException, what it wraps), since its message alone may say little.</summary>
    private string Describe(Exception ex)
    {
        if (ex is DbException)
        {
            return Redaction.Scrub(ex.Message, _secrets);
        }

        var inner = ex;
        while (inner is TypeInitializationException or System.Reflection.TargetInvocationException or AggregateException && inner.InnerException is not null)
        {
            inner = inner.InnerException!;
        }

        var text = inner == ex ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name} ({inner.GetType().Name}: {inner.Message})";
        return Redaction.Scrub(text, _secrets);
    }

    private async Task<List<int>> ReadAsync(DbConnection connection, DbTransaction? transaction, string serverName, CancellationToken cancellationToken)
    {
        using var select = Command(connection, transaction, SelectSql, serverName);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return values;
    }

    private async Task<int> SingleAsync(DbConnection connection, string serverName, List<int> values, CancellationToken cancellationToken)
    {
        if (values.Count == 1)
        {
            return values[0];
        }

        if (values.Count > 1)
        {
            throw new ThrottleException(Name, serverName, $"{values.Count} rows of dbo.ACTIONSERVERS in {_target} are named {serverName}; expected exactly one.");
        }

        using var list = connection.CreateCommand();
        list.CommandText = ListSql;
        list.CommandTimeout = _commandTimeoutSeconds;
        using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? string.Empty);
        }

        throw new ThrottleException(Name, serverName, $"no row of dbo.ACTIONSERVERS in {_target} is named {serverName} (rows: {(names.Count == 0 ? "none" : string.Join(", ", names))}).");
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, string serverName)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _commandTimeoutSeconds;
        command.Transaction = transaction;
        AddParameter(command, "@computer", serverName);
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
