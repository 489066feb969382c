using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// <c>Get-MgwTunnel</c>: tunnels as the service reports them. No ID lists every tunnel (ListTunnel, page after page); an
/// exact <c>-Id</c> is one GetTunnel (a missing tunnel is a non-terminating <c>NoSuchImportTunnel</c>); an ID with
/// wildcards filters the listing, read once per command. A piped agent binds its <c>TunnelId</c>.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwTunnel")]
[OutputType(typeof(MgwTunnel))]
public sealed class GetMgwTunnelCommand : AgentServiceCmdlet
{
    private ServiceLookup<MgwTunnel>? _tunnels;

    #region Parameters

    /// <summary>Tunnel IDs; wildcards filter the listing. None: every tunnel.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("TunnelId")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(TunnelIdCompleter))]
    public string[]? Id { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        WriteObject(Tunnels.Find(Id), enumerateCollection: true);

    private ServiceLookup<MgwTunnel> Tunnels => _tunnels ??= Lookup((c, ct) => c.ListAllTunnelsAsync(cancellationToken: ct), (c, id, ct) => c.GetTunnelAsync(id, ct), t => t.TunnelId);
}
