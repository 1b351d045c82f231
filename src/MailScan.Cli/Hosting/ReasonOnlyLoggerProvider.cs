using Microsoft.Extensions.Logging;

namespace MailScan.Cli.Hosting;

/// <summary>
/// Logs of some categories (MassTransit's) say what failed and why in one line: the exception's
/// reason takes the place of its stack trace, which only a process logging at Debug shows. A bus
/// that keeps reconnecting to an absent broker writes a line per attempt, not a page.
/// </summary>
internal sealed class ReasonOnlyLoggerProvider(ILoggerProvider inner, string categoryPrefix, bool stackTraces) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return stackTraces || !categoryName.StartsWith(categoryPrefix, StringComparison.Ordinal) ? logger : new ReasonOnlyLogger(logger);
    }

    public void Dispose() => inner.Dispose();

    /// <summary>The messages of an exception and of its innermost cause, e.g. "None of the specified endpoints were reachable: Connection refused".</summary>
    public static string Reason(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } cause)
            innermost = cause;
        return ReferenceEquals(innermost, exception) || innermost.Message == exception.Message
            ? exception.Message
            : $"{exception.Message}: {innermost.Message}";
    }

    private sealed class ReasonOnlyLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var reason = Reason(exception);
            inner.Log(logLevel, eventId, state, null, (s, _) => $"{formatter(s, null)} ({reason})");
        }
    }
}
