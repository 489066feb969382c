using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Completers;

/// <summary>
/// Completes a name the service knows (jobs, data addresses) by asking it, through <c>-Context</c> when it is
/// already on the command line, else the session's context. Quiet by design: not connected, slow (over 3 s) or
/// failing means no suggestions, never an error at the prompt.
/// </summary>
internal abstract class ServiceNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(3);

    /// <summary>What the names are, for the tooltip ("job", "data address").</summary>
    protected abstract string What { get; }

    /// <summary>The names, from the service.</summary>
    protected abstract Task<IEnumerable<string>> ListAsync(MgwClient client, CancellationToken cancellationToken);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        MgwContext? context = (fakeBoundParameters?["Context"] as PSObject)?.BaseObject as MgwContext
            ?? fakeBoundParameters?["Context"] as MgwContext
            ?? MgwSession.Get();
        if (context is null) return Array.Empty<CompletionResult>();

        var pattern = WildcardPattern.Get(WildcardPattern.Escape(CompletionText.Unquote(wordToComplete)) + "*", WildcardOptions.IgnoreCase);
        try
        {
            using var budget = new CancellationTokenSource(s_budget);
            MgwClientOptions options = MgwClientOptions.FromContext(context);
            options.MaxRetries = 0;
            options.AttemptTimeout = s_budget;
            using var client = new MgwClient(options);
            IEnumerable<string> names = Task.Run(() => ListAsync(client, budget.Token)).GetAwaiter().GetResult();
            return names.Where(n => pattern.IsMatch(n))
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, $"{What} {n}"))
                .ToArray();
        }
        catch (Exception ex) when (ex is MgwException or OperationCanceledException)
        {
            return Array.Empty<CompletionResult>();
        }
    }
}

/// <summary>Completes job names (<c>-ParentJobName</c>) from ListJob.</summary>
internal sealed class JobNameCompleter : ServiceNameCompleter
{
    /// <inheritdoc />
    protected override string What => "job";

    /// <inheritdoc />
    protected override async Task<IEnumerable<string>> ListAsync(MgwClient client, CancellationToken cancellationToken) =>
        (await client.ListAllJobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(j => j.Name!).Where(n => n is not null);
}

/// <summary>Completes data address names (<c>-SourceAddress</c>, <c>-DestinationAddress</c>) from ListAddress.</summary>
internal sealed class AddressNameCompleter : ServiceNameCompleter
{
    /// <inheritdoc />
    protected override string What => "data address";

    /// <inheritdoc />
    protected override async Task<IEnumerable<string>> ListAsync(MgwClient client, CancellationToken cancellationToken) =>
        (await client.ListAllAddressesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(a => a.Name!).Where(n => n is not null);
}
