using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Completers;

/// <summary>Completes agent names (<c>-Name</c> of the agent cmdlets) from ListAgent.</summary>
internal sealed class AgentNameCompleter : ServiceNameCompleter
{
    /// <inheritdoc />
    protected override string What => "agent";

    /// <inheritdoc />
    protected override async Task<IEnumerable<string>> ListAsync(MgwClient client, CancellationToken cancellationToken) =>
        (await client.ListAllAgentsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(a => a.Name!).Where(n => n is not null);
}

/// <summary>Completes tunnel IDs (<c>-Id</c> of the tunnel cmdlets, <c>New-MgwAgent -TunnelId</c>) from ListTunnel.</summary>
internal sealed class TunnelIdCompleter : ServiceNameCompleter
{
    /// <inheritdoc />
    protected override string What => "tunnel";

    /// <inheritdoc />
    protected override async Task<IEnumerable<string>> ListAsync(MgwClient client, CancellationToken cancellationToken) =>
        (await client.ListAllTunnelsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(t => t.TunnelId!).Where(i => i is not null);
}
