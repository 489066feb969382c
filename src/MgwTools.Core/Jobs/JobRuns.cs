using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Jobs;

/// <summary>Reading a job's runs: which run is the latest, and its newest history entry.</summary>
public static class JobRuns
{
    /// <summary>The run number of <paramref name="entry"/>, or null when the service sent none or not a number.</summary>
    public static int? RuntimeIdOf(MgwJobRun entry) =>
        int.TryParse(entry?.RuntimeId?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) ? id : null;

    /// <summary>
    /// The newest entry of the newest run in <paramref name="history"/> (highest run number, then the entry listed last,
    /// which is the newest state change), or null when there is none.
    /// </summary>
    public static MgwJobRun? Latest(IEnumerable<MgwJobRun> history)
    {
        MgwJobRun? latest = null;
        int latestId = int.MinValue;
        foreach (MgwJobRun entry in history)
        {
            int id = RuntimeIdOf(entry) ?? int.MinValue;
            if (latest is null || id >= latestId)
            {
                latest = entry;
                latestId = id;
            }
        }

        return latest;
    }

    /// <summary>The newest history entry of the job's newest run, or null when it has never run.</summary>
    public static async Task<MgwJobRun?> LatestAsync(MgwClient client, string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<MgwJobRun> history = await client.ListAllJobHistoryAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Latest(history);
    }

    /// <summary>
    /// <paramref name="runtimeId"/> when given, else the number of the job's latest run.
    /// </summary>
    /// <exception cref="MgwException"><c>NoRunYet</c> when the job has no run; the service's errors.</exception>
    public static async Task<int> ResolveAsync(MgwClient client, string name, int? runtimeId, CancellationToken cancellationToken)
    {
        if (runtimeId is { } given) return given;
        MgwJobRun? latest = await LatestAsync(client, name, cancellationToken).ConfigureAwait(false);
        return latest is not null && RuntimeIdOf(latest) is { } id ? id : throw new MgwException(JobErrors.NoRunYet(name));
    }
}
