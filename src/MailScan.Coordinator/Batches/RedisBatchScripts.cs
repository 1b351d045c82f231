namespace MailScan.Coordinator.Batches;

/// <summary>The Lua scripts that make each step of a batch atomic in Redis (one script, one step, no races between coordinators).</summary>
internal static class RedisBatchScripts
{
    /// <summary>KEYS: meta, waiting, in-flight. ARGV: count, "owner|leaseUntilMs". Moves waiting entries into flight.</summary>
    public const string Claim = """
        if redis.call('HGET', KEYS[1], 'phase') ~= 'running' then return {} end
        local entries = redis.call('LPOP', KEYS[2], tonumber(ARGV[1]))
        if not entries then return {} end
        for _, entry in ipairs(entries) do redis.call('HSET', KEYS[3], entry, ARGV[2]) end
        return entries
        """;

    /// <summary>KEYS: meta. ARGV: field (strict:owner), count. Sets a coordinator's count of domains waiting on strict servers while the batch runs.</summary>
    public const string WaitingOnStrict = """
        if redis.call('HGET', KEYS[1], 'phase') ~= 'running' then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    /// <summary>
    /// KEYS: meta, reported, in-flight, log, running, waiting, evidence, primer, primer parts. ARGV: batch id, name key,
    /// entry, compact report, failed (0/1), retention ms, the log entry's field ('z' with the primer as dictionary, 'c' alone),
    /// then pairs of evidence reference and compressed evidence. 1 when logged. The evidence enters
    /// with the first report that names it, in the same step, so a reader never meets a reference
    /// the batch lacks.
    /// </summary>
    public const string Complete = """
        if redis.call('HGET', KEYS[1], 'phase') ~= 'running' then return 0 end
        if redis.call('SADD', KEYS[2], ARGV[2]) == 0 then return 0 end
        redis.call('HDEL', KEYS[3], ARGV[3])
        for i = 8, #ARGV, 2 do redis.call('HSETNX', KEYS[7], ARGV[i], ARGV[i + 1]) end
        local done = redis.call('HINCRBY', KEYS[1], 'done', 1)
        if ARGV[5] == '1' then redis.call('HINCRBY', KEYS[1], 'failed', 1) end
        redis.call('XADD', KEYS[4], done .. '-1', ARGV[7], ARGV[4])
        if done >= tonumber(redis.call('HGET', KEYS[1], 'total')) then
          local t = redis.call('TIME')
          redis.call('HSET', KEYS[1], 'phase', 'completed', 'finished', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
          redis.call('SREM', KEYS[5], ARGV[1])
          for _, key in ipairs({ KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[6], KEYS[7], KEYS[8], KEYS[9] }) do redis.call('PEXPIRE', key, ARGV[6]) end
        end
        return 1
        """;

    /// <summary>
    /// KEYS: meta, primer, primer parts. ARGV: this report compressed alone ('' for none), the reports a
    /// primer takes. {'primer', stored} when the batch has its primer (<see cref="CompactResults.ResultPrimer"/>);
    /// else, while the batch runs, the report joins the parts, and once there are enough,
    /// {'parts', the first of them...} for the caller to make the primer of and store with <see cref="SetPrimer"/>; else nil.
    /// </summary>
    public const string PrimerParts = """
        local primer = redis.call('GET', KEYS[2])
        if primer then return { 'primer', primer } end
        if ARGV[1] == '' or redis.call('HGET', KEYS[1], 'phase') ~= 'running' then return false end
        if redis.call('RPUSH', KEYS[3], ARGV[1]) < tonumber(ARGV[2]) then return false end
        local parts = redis.call('LRANGE', KEYS[3], 0, tonumber(ARGV[2]) - 1)
        table.insert(parts, 1, 'parts')
        return parts
        """;

    /// <summary>
    /// KEYS: meta, primer, primer parts. ARGV: a stored primer. The first primer stored while the batch
    /// runs is its primer (it expires with the batch), and the parts go. Returns the batch's primer, or nil.
    /// </summary>
    public const string SetPrimer = """
        if redis.call('HGET', KEYS[1], 'phase') == 'running' then redis.call('SET', KEYS[2], ARGV[1], 'NX') end
        local primer = redis.call('GET', KEYS[2])
        if primer then redis.call('DEL', KEYS[3]) end
        return primer
        """;

    /// <summary>KEYS: in-flight, waiting. ARGV: entry. Hands a claimed entry back to the front of the queue.</summary>
    public const string Release = """
        if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 then redis.call('LPUSH', KEYS[2], ARGV[1]) end
        return 1
        """;

    /// <summary>KEYS: in-flight, waiting. ARGV: owner ('' for none), nowMs. Puts back entries of the owner or with an ended lease.</summary>
    public const string Requeue = """
        local flight = redis.call('HGETALL', KEYS[1])
        local back = 0
        for i = 1, #flight, 2 do
          local entry, claim = flight[i], flight[i + 1]
          local bar = string.find(claim, '|', 1, true)
          local owner, lease = string.sub(claim, 1, bar - 1), tonumber(string.sub(claim, bar + 1))
          if owner == ARGV[1] or lease <= tonumber(ARGV[2]) then
            redis.call('HDEL', KEYS[1], entry)
            redis.call('LPUSH', KEYS[2], entry)
            back = back + 1
          end
        end
        return back
        """;

    /// <summary>KEYS: meta, waiting, in-flight, running, reported, log, evidence, primer, primer parts. ARGV: batch id, retention ms. 0 when the id is unknown.</summary>
    public const string Cancel = """
        local phase = redis.call('HGET', KEYS[1], 'phase')
        if not phase then return 0 end
        if phase == 'running' then
          local t = redis.call('TIME')
          redis.call('HSET', KEYS[1], 'phase', 'cancelled', 'finished', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
          redis.call('DEL', KEYS[2], KEYS[3])
          redis.call('SREM', KEYS[4], ARGV[1])
          for _, key in ipairs({ KEYS[1], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9] }) do redis.call('PEXPIRE', key, ARGV[2]) end
        end
        return 1
        """;
}
