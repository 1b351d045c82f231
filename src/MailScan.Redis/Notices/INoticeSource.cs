namespace MailScan.Redis.Notices;

/// <summary>Where a waiter of this process hears that the state it waits on may have changed.</summary>
public interface INoticeSource
{
    /// <summary>Registers a listener for the key (before the state is read).</summary>
    Notice Listen(string key);

    /// <summary>
    /// How long a wait for a notice lasts at most before the state is read again anyway: a notice
    /// lost (a reconnecting subscription) or never sent (a holder that died) costs no more than this.
    /// </summary>
    TimeSpan SlowCheck { get; }
}
