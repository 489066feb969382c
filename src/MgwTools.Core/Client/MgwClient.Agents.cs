using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Agents;
using MgwTools.Core.Wire;

namespace MgwTools.Core.Client;

public sealed partial class MgwClient
{
    #region Agents

    /// <summary>
    /// <c>POST /agent</c>, then <c>GET /agent/{name}</c>: the agent as the service reports it. The create is sent once
    /// (throttling answers are retried); after an ambiguous failure (network, timeout, 5xx) GetAgent decides: the agent
    /// exists on <paramref name="tunnelId"/> → created once; it does not → sent again, at most
    /// <see cref="MgwClientOptions.MaxRetries"/> more times. A re-send answered <c>ImportAgentAlreadyExist</c> is settled
    /// by the same lookup. <paramref name="deployMethod"/> defaults to <c>default</c>, the one value the API names.
    /// </summary>
    /// <exception cref="MgwException">
    /// The service's error (<c>NoSuchImportTunnel</c>, <c>ImportAgentAlreadyExist</c>, <c>ImportAgentNumExceed</c>,
    /// <c>InvalidArgument</c>…), the last ambiguous failure when retries ran out, <c>InvalidName</c> (nothing sent), or a
    /// read-back failure that says the agent was created.
    /// </exception>
    public async Task<MgwAgent> CreateAgentAsync(string name, string tunnelId, MgwAgentEndpoint agentEndpoint, string? deployMethod = null,
        string? tags = null, CancellationToken cancellationToken = default)
    {
        string segment = Segment(name, "agent", "Name");
        if (string.IsNullOrWhiteSpace(tunnelId))
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.MissingValue,
                Field = "TunnelId",
                Message = "A tunnel ID is required: the agent moves its data through that tunnel (New-MgwTunnel makes one).",
            });
        }

        string body = AgentXml.CreateAgent(segment, tunnelId.Trim(), AgentRules.WireValue(agentEndpoint),
            string.IsNullOrWhiteSpace(deployMethod) ? AgentRules.DefaultDeployMethod : deployMethod!.Trim(), tags);
        bool ambiguous = false;
        for (int send = 1; ; send++)
        {
            try
            {
                await SendAsync(new MgwCall(HttpMethod.Post, "/agent", body), cancellationToken).ConfigureAwait(false);
            }
            catch (MgwException ex) when (ambiguous && ex.Error.Code == MgwServiceCodes.ImportAgentAlreadyExist)
            {
                Log($"MGW POST /agent: {ex.Error.Code} after an unanswered attempt; looking up agent '{segment}'");
                if (await TryGetAgentAsync(segment, cancellationToken).ConfigureAwait(false) is { } mine && mine.TunnelId == tunnelId.Trim()) return mine;
                throw;
            }
            catch (MgwException ex) when (MgwErrorKinds.MayHaveBeenDone(ex.Error.Kind))
            {
                ambiguous = true;
                Log($"MGW POST /agent: {ex.Error.Code} may have created agent '{segment}'; looking it up before sending again");
                MgwAgent? existing = await TryGetAgentAsync(segment, cancellationToken).ConfigureAwait(false);
                if (existing is not null && existing.TunnelId == tunnelId.Trim())
                {
                    Log($"MGW POST /agent: agent '{segment}' exists on tunnel '{existing.TunnelId}'; created once");
                    return existing;
                }

                if (existing is not null || send > _options.MaxRetries) throw;
                await Task.Delay(NextDelay(send - 1, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            return await ReadBackCreatedAsync(segment, "agent", () => GetAgentAsync(segment, cancellationToken),
                $"It exists on the service: Get-MgwAgent {segment} shows it.").ConfigureAwait(false);
        }
    }

    /// <summary><c>GET /agent/{name}</c>. An answer about another agent (or none) is <c>InvalidResponse</c>.</summary>
    public async Task<MgwAgent> GetAgentAsync(string name, CancellationToken cancellationToken = default)
    {
        string segment = Segment(name, "agent", nameof(name));
        var call = new MgwCall(HttpMethod.Get, "/agent/" + segment).Reading(AgentXml.AgentReaderFor(segment));
        return await ReadAsync<MgwAgent>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /agent/{name}</c>, but null when the service answers <c>NoSuchImportAgent</c> / 404.</summary>
    public async Task<MgwAgent?> TryGetAgentAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAgentAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (MgwException ex) when (ex.Error.Kind == MgwErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary><c>GET /agent/{name}?status</c>: whether the agent is connected (<c>OK</c>, <c>Disconnected</c>, <c>NoResponse</c>).</summary>
    public async Task<MgwAgentStatus> GetAgentStatusAsync(string name, CancellationToken cancellationToken = default)
    {
        string segment = Segment(name, "agent", nameof(name));
        var call = new MgwCall(HttpMethod.Get, "/agent/" + segment).With("status", null).Reading(AgentXml.AgentStatusReader(segment));
        return await ReadAsync<MgwAgentStatus>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /agentlist</c>: one page. <paramref name="count"/> is 1–1000 (service default 1000).</summary>
    public async Task<MgwPage<MgwAgent>> ListAgentsAsync(string? marker = null, int? count = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/agentlist")
            .WithIf(!string.IsNullOrEmpty(marker), "marker", marker)
            .WithIf(count.HasValue, "count", count?.ToString(CultureInfo.InvariantCulture))
            .Reading(AgentXml.AgentPageReader);
        return await ReadAsync<MgwPage<MgwAgent>>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every agent, following <c>NextMarker</c> page after page.</summary>
    public Task<IReadOnlyList<MgwAgent>> ListAllAgentsAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListAgentsAsync(marker, pageSize, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>DELETE /agent/{name}</c>. The service refuses an agent a data address still lists (<c>ImportAgentIsOccupied</c>).
    /// A 404 after an earlier attempt failed ambiguously counts as deleted.
    /// </summary>
    public Task DeleteAgentAsync(string name, CancellationToken cancellationToken = default) =>
        DeleteAsync(new MgwCall(HttpMethod.Delete, "/agent/" + Segment(name, "agent", nameof(name))), cancellationToken);

    #endregion

    #region Tunnels

    /// <summary>
    /// <c>POST /tunnel</c>, and the tunnel it made. CreateTunnel has no answer body in any SDK (mgw-api.md §1), so the
    /// service's new ID is found by listing: the tunnels listed before the create are set aside, and of those listed
    /// after, the one with the requested throttling and tags is the new one (the newest, should another client create an
    /// identical one at the same moment). A 2xx body that is an <c>&lt;ImportTunnel&gt;</c> with a <c>TunnelId</c> is
    /// believed instead. The create is sent once (throttling answers are retried); after an ambiguous failure the
    /// listing decides: a new matching tunnel → created once; none → sent again, at most
    /// <see cref="MgwClientOptions.MaxRetries"/> more times.
    /// </summary>
    /// <exception cref="MgwException">
    /// The service's error (<c>ImportTunnelNumExceed</c>, <c>InvalidArgument</c>…), the last ambiguous failure when retries
    /// ran out, or <c>InvalidResponse</c> when the create was answered as a success but no new tunnel can be found.
    /// </exception>
    public async Task<MgwTunnel> CreateTunnelAsync(MgwTunnelQos? qos = null, string? tags = null, CancellationToken cancellationToken = default)
    {
        string body = AgentXml.CreateTunnel(qos, tags);
        var before = new HashSet<string>((await ListAllTunnelsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(t => t.TunnelId ?? ""), StringComparer.Ordinal);
        for (int send = 1; ; send++)
        {
            MgwResponse answer;
            try
            {
                answer = await SendAsync(new MgwCall(HttpMethod.Post, "/tunnel", body), cancellationToken).ConfigureAwait(false);
            }
            catch (MgwException ex) when (MgwErrorKinds.MayHaveBeenDone(ex.Error.Kind))
            {
                Log($"MGW POST /tunnel: {ex.Error.Code} may have created the tunnel; listing tunnels before sending again");
                MgwTunnel? landed = await NewTunnelAsync(before, qos, tags, cancellationToken).ConfigureAwait(false);
                if (landed is not null)
                {
                    Log($"MGW POST /tunnel: tunnel '{landed.TunnelId}' appeared with the requested settings; created once");
                    return landed;
                }

                if (send > _options.MaxRetries) throw;
                await Task.Delay(NextDelay(send - 1, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (AgentXml.CreatedTunnelId(answer.Body, _options.MaxResponseBytes) is { } id)
            {
                return await ReadBackCreatedAsync(id, "tunnel", () => GetTunnelAsync(id, cancellationToken),
                    $"It exists on the service: Get-MgwTunnel {id} shows it.").ConfigureAwait(false);
            }

            MgwTunnel? created = await ReadBackCreatedAsync("", "tunnel", () => NewTunnelAsync(before, qos, tags, cancellationToken),
                "It may exist on the service: Get-MgwTunnel lists the tunnels.").ConfigureAwait(false);
            return created ?? throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidResponse,
                StatusCode = answer.StatusCode,
                RequestId = answer.RequestId,
                HostId = _endpoint.Host,
                Message = "The service answered CreateTunnel as a success, but no new tunnel with the requested settings appears in its tunnel list " +
                          "(the answer carries no tunnel ID). Get-MgwTunnel lists the tunnels; something other than the service may have answered.",
            });
        }
    }

    /// <summary><c>GET /tunnel/{id}</c>. An answer about another tunnel (or none) is <c>InvalidResponse</c>.</summary>
    public async Task<MgwTunnel> GetTunnelAsync(string tunnelId, CancellationToken cancellationToken = default)
    {
        string segment = Segment(tunnelId, "tunnel ID", nameof(tunnelId));
        var call = new MgwCall(HttpMethod.Get, "/tunnel/" + segment).Reading(AgentXml.TunnelReaderFor(segment));
        return await ReadAsync<MgwTunnel>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /tunnellist</c>: one page. <paramref name="count"/> is 1–1000 (service default 1000).</summary>
    public async Task<MgwPage<MgwTunnel>> ListTunnelsAsync(string? marker = null, int? count = null, CancellationToken cancellationToken = default)
    {
        var call = new MgwCall(HttpMethod.Get, "/tunnellist")
            .WithIf(!string.IsNullOrEmpty(marker), "marker", marker)
            .WithIf(count.HasValue, "count", count?.ToString(CultureInfo.InvariantCulture))
            .Reading(AgentXml.TunnelPageReader);
        return await ReadAsync<MgwPage<MgwTunnel>>(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every tunnel, following <c>NextMarker</c> page after page.</summary>
    public Task<IReadOnlyList<MgwTunnel>> ListAllTunnelsAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(marker => ListTunnelsAsync(marker, pageSize, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>PUT /tunnel/{id}</c> with new throttling and/or tags. Whether the service keeps a <c>TunnelQos</c> value the body
    /// leaves out is not documented: give both values (<c>Set-MgwTunnel</c> fills the one not changed from GetTunnel).
    /// </summary>
    public async Task UpdateTunnelAsync(string tunnelId, MgwTunnelQos? qos, string? tags = null, CancellationToken cancellationToken = default)
    {
        if (qos?.MaxBandwidth is null && qos?.MaxQps is null && string.IsNullOrEmpty(tags))
        {
            throw new ArgumentException("Give throttling, tags, or both.", nameof(qos));
        }

        string body = AgentXml.UpdateTunnel(qos, tags);
        await SendAsync(new MgwCall(HttpMethod.Put, "/tunnel/" + Segment(tunnelId, "tunnel ID", nameof(tunnelId)), body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>DELETE /tunnel/{id}</c>. The service refuses a tunnel an agent still uses (<c>ImportTunnelIsOccupied</c>). A 404
    /// after an earlier attempt failed ambiguously counts as deleted.
    /// </summary>
    public Task DeleteTunnelAsync(string tunnelId, CancellationToken cancellationToken = default) =>
        DeleteAsync(new MgwCall(HttpMethod.Delete, "/tunnel/" + Segment(tunnelId, "tunnel ID", nameof(tunnelId))), cancellationToken);

    // The tunnel a create made: listed now and not before, with the requested settings; the newest when several match.
    private async Task<MgwTunnel?> NewTunnelAsync(HashSet<string> before, MgwTunnelQos? qos, string? tags, CancellationToken ct)
    {
        IReadOnlyList<MgwTunnel> now = await ListAllTunnelsAsync(cancellationToken: ct).ConfigureAwait(false);
        return now.Where(t => t.TunnelId is { Length: > 0 } id && !before.Contains(id) && Matches(t, qos, tags))
            .OrderByDescending(t => t.CreateTime ?? DateTimeOffset.MinValue)
            .FirstOrDefault();
    }

    // A value the request left out matches anything (the service's default); one the answer left out matches too
    // (a tolerant reader keeps going on a tunnel whose figures it could not read).
    private static bool Matches(MgwTunnel tunnel, MgwTunnelQos? qos, string? tags)
    {
        if (qos?.MaxBandwidth is { } bw && tunnel.MaxBandwidth is { } hasBw && hasBw != bw) return false;
        if (qos?.MaxQps is { } q && tunnel.MaxQps is { } hasQ && hasQ != q) return false;
        if (string.IsNullOrEmpty(tags)) return true;
        return TagSet(tags).SetEquals(TagSet(tunnel.Tags));
    }

    private static HashSet<string> TagSet(string? tags) =>
        new(Specs.SpecBinder.SplitTagText(tags ?? "").Select(p => p.Key + ":" + p.Value), StringComparer.Ordinal);

    #endregion

    /// <summary>
    /// A step after a create the service answered 2xx (its read-back): its failure keeps its code but says the
    /// <paramref name="what"/> was created, and how to see it, so a failed read-back is never taken for a failed create.
    /// </summary>
    private static async Task<T> ReadBackCreatedAsync<T>(string name, string what, Func<Task<T>> step, string remedy)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (MgwException ex)
        {
            string which = name.Length > 0 ? $"{char.ToUpperInvariant(what[0])}{what.Substring(1)} '{name}' was created" : $"The {what} was created";
            MgwError error = ex.Error.WithContext(null, null);
            error.Message = $"{which}, but reading it back failed: " + MgwMessages.Append(ex.Error.Message, remedy);
            throw new MgwException(error, ex);
        }
    }
}
