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
    private IReadOnlyList<MgwTunnel>? _listing;

    #region Parameters

    /// <summary>Tunnel IDs; wildcards filter the listing. None: every tunnel.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("TunnelId")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(TunnelIdCompleter))]
    public string[]? Id { get; set; }

    #endregion

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string[] ids = (Id ?? Array.Empty<string>()).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).ToArray();
        if (ids.Length == 0)
        {
            if (Listing() is { } all) WriteObject(all, enumerateCollection: true);
            return;
        }

        foreach (string id in ids)
        {
            if (WildcardPattern.ContainsWildcardCharacters(id))
            {
                var pattern = WildcardPattern.Get(id, WildcardOptions.IgnoreCase);
                if (Listing() is { } all) WriteObject(all.Where(t => t.TunnelId is { } i && pattern.IsMatch(i)), enumerateCollection: true);
            }
            else if (TryCall((c, ct) => c.GetTunnelAsync(id, ct), id, out MgwTunnel tunnel))
            {
                WriteObject(tunnel);
            }
        }
    }

    // One listing per command, however many wildcard IDs are piped in.
    private IReadOnlyList<MgwTunnel>? Listing()
    {
        if (_listing is null && TryCall((c, ct) => c.ListAllTunnelsAsync(cancellationToken: ct), null, out IReadOnlyList<MgwTunnel> all))
        {
            _listing = all;
        }

        return _listing;
    }
}
