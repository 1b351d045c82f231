namespace MailScan.Cli.Configuration;

/// <summary>The settings are invalid; the message lists every problem, one per line.</summary>
internal sealed class OptionsLoadException(string message) : Exception(message);
