using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// Every log record a host writes, as text: category, formatted message, each structured value, the exception
/// with its inner ones and stack, and every scope around it.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> records = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Records => records;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder($"{logLevel} {category} [{eventId}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append($" | {key}={value}");
                }
            }

            owner.scopes.ForEachScope((scope, builder) =>
            {
                builder.Append($" | scope {scope}");
                if (scope is IEnumerable<KeyValuePair<string, object?>> scopeValues)
                {
                    foreach (var (key, value) in scopeValues)
                    {
                        builder.Append($" {key}={value}");
                    }
                }
            }, text);
            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            owner.records.Enqueue(text.ToString());
        }
    }
}
