using System;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Jobs;

/// <summary>Migration reports of a run: create one, read one, wait for one (CreateReport, GetReport).</summary>
public static class JobReports
{
    /// <summary>The report statuses after which nothing changes (mgw-api.md §2.7).</summary>
    public static bool IsFinal(MgwReport report) =>
        string.Equals(report.Status, "Finished", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(report.Status, "Failed", StringComparison.OrdinalIgnoreCase);

    /// <summary>CreateReport for the run (default the latest), then the report as GetReport shows it.</summary>
    public static async Task<MgwReport> CreateAsync(MgwClient client, string name, string? version, int? runtimeId, CancellationToken cancellationToken)
    {
        version ??= (await client.GetJobAsync(name, false, cancellationToken).ConfigureAwait(false)).Version;
        int run = await JobRuns.ResolveAsync(client, name, runtimeId, cancellationToken).ConfigureAwait(false);
        await client.CreateReportAsync(name, version, run, cancellationToken).ConfigureAwait(false);
        MgwReport report = await client.GetReportAsync(version!, run, cancellationToken).ConfigureAwait(false);
        report.JobName = name;
        return report;
    }

    /// <summary>
    /// GetReport for the run (default the latest). With <paramref name="wait"/>, polls every <paramref name="pollInterval"/>
    /// until the report is final or the time is up, and returns the last report read either way.
    /// </summary>
    public static async Task<MgwReport> GetAsync(MgwClient client, string name, string? version, int? runtimeId, TimeSpan? wait,
        TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        version ??= (await client.GetJobAsync(name, false, cancellationToken).ConfigureAwait(false)).Version;
        int run = await JobRuns.ResolveAsync(client, name, runtimeId, cancellationToken).ConfigureAwait(false);
        DateTimeOffset deadline = DateTimeOffset.UtcNow + (wait ?? TimeSpan.Zero);
        while (true)
        {
            MgwReport report = await client.GetReportAsync(version!, run, cancellationToken).ConfigureAwait(false);
            report.JobName = name;
            TimeSpan left = deadline - DateTimeOffset.UtcNow;
            if (wait is null || IsFinal(report) || left <= TimeSpan.Zero) return report;
            await Task.Delay(pollInterval < left ? pollInterval : left, cancellationToken).ConfigureAwait(false);
        }
    }
}
