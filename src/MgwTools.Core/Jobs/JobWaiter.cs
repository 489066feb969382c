using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Jobs;

/// <summary>
/// Polls jobs for <c>Wait-MgwJob</c> and <c>Remove-MgwJob -Wait</c>. A few jobs are read one GetJob each; from
/// <see cref="ListThreshold"/> jobs on, one listing (ListJob pages) serves them all, so watching 200 jobs costs a
/// page or two per poll instead of 200 requests.
/// </summary>
public sealed class JobWaiter
{
    /// <summary>The states <c>Wait-MgwJob</c> waits for by default: the job stopped moving.</summary>
    public static IReadOnlyList<MgwJobStatus> DefaultStatuses { get; } = new[]
    {
        MgwJobStatus.Finished, MgwJobStatus.Interrupted, MgwJobStatus.Suspend, MgwJobStatus.Confirmed,
    };

    private readonly MgwClient _client;
    private readonly HashSet<MgwJobStatus> _statuses;

    /// <summary>A waiter for <paramref name="statuses"/> (the wire names, e.g. <c>IMPORT_JOB_FINISHED</c>).</summary>
    public JobWaiter(MgwClient client, IEnumerable<string>? statuses = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        // MgwJobStatus equals its text ignoring case, so a typed 'import_job_finished' matches too.
        _statuses = new HashSet<MgwJobStatus>(statuses?.Select(s => (MgwJobStatus)s) ?? DefaultStatuses);
    }

    /// <summary>From this many jobs on, a poll lists instead of reading each job. Default 8.</summary>
    public int ListThreshold { get; set; } = 8;

    /// <summary>True when <paramref name="job"/> is in one of the awaited states.</summary>
    public bool IsDone(MgwJob job) => job.Status is { } status && _statuses.Contains(status);

    /// <summary>
    /// One poll: the current state of each of <paramref name="names"/>. A job the service no longer knows is in
    /// <see cref="JobPoll.Missing"/>; a job whose own GetJob failed is in <see cref="JobPoll.Failed"/>.
    /// </summary>
    public async Task<JobPoll> PollAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var poll = new JobPoll();
        if (names.Count >= ListThreshold)
        {
            IReadOnlyList<MgwJob> all = await _client.ListAllJobsAsync(all: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            var byName = new Dictionary<string, MgwJob>(StringComparer.Ordinal);
            foreach (MgwJob job in all)
            {
                if (job.Name is { } n) byName[n] = job;
            }

            foreach (string name in names)
            {
                if (byName.TryGetValue(name, out MgwJob? job)) poll.Jobs[name] = job;
                else poll.Missing.Add(name);
            }

            return poll;
        }

        foreach (string name in names)
        {
            try
            {
                poll.Jobs[name] = await _client.GetJobAsync(name, false, cancellationToken).ConfigureAwait(false);
            }
            catch (MgwException ex) when (ex.Error.Kind == MgwErrorKind.NotFound)
            {
                poll.Missing.Add(name);
            }
            catch (MgwException ex)
            {
                poll.Failed[name] = ex.Error;
            }
        }

        return poll;
    }

    /// <summary>
    /// The newest history entry of the job's newest run (file and byte counts so far), or null when it has none.
    /// </summary>
    public Task<MgwJobRun?> CurrentRunAsync(string name, CancellationToken cancellationToken) =>
        JobRuns.LatestAsync(_client, name, cancellationToken);

    /// <summary>
    /// Polls GetJob until the service answers that <paramref name="name"/> does not exist (true), or
    /// <paramref name="timeout"/> passes (false). Starts at 250 ms between polls and backs off to 5 s.
    /// </summary>
    public static async Task<bool> WaitUntilGoneAsync(MgwClient client, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + timeout;
        TimeSpan delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            if (await client.TryGetJobAsync(name, cancellationToken).ConfigureAwait(false) is null) return true;
            TimeSpan left = deadline - DateTimeOffset.UtcNow;
            // Time is up: one last look, so a job gone just now (or a first look slower than the whole wait) counts.
            if (left <= TimeSpan.Zero) return await client.TryGetJobAsync(name, cancellationToken).ConfigureAwait(false) is null;
            await Task.Delay(delay < left ? delay : left, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }
}

/// <summary>What one poll of <see cref="JobWaiter.PollAsync"/> found.</summary>
public sealed class JobPoll
{
    /// <summary>The jobs found, by name.</summary>
    public Dictionary<string, MgwJob> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Names the service does not know (deleted meanwhile, or never existed).</summary>
    public List<string> Missing { get; } = new();

    /// <summary>Names whose read failed, with the error.</summary>
    public Dictionary<string, MgwError> Failed { get; } = new(StringComparer.Ordinal);
}
