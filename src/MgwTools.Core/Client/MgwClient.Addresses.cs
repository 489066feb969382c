using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Wire;

namespace MgwTools.Core.Client;

/// <summary>What <see cref="MgwClient.CreateAddressSafelyAsync"/> did.</summary>
public sealed class MgwAddressCreateOutcome
{
    internal MgwAddressCreateOutcome(MgwAddress address, int sends, bool recovered)
    {
        Address = address;
        Sends = sends;
        Recovered = recovered;
    }

    /// <summary>The address as the service reports it after creation (GetAddress).</summary>
    public MgwAddress Address { get; }

    /// <summary>How many times <c>POST /address</c> was sent.</summary>
    public int Sends { get; }

    /// <summary>True when a lookup, not an answer to POST, proved the address was created.</summary>
    public bool Recovered { get; }
}

public sealed partial class MgwClient
{
    /// <summary><c>GET /address/{name}</c>, but null when the service answers <c>NoSuchImportAddress</c> / 404.</summary>
    public async Task<MgwAddress?> TryGetAddressAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAddressAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (MgwException ex) when (ex.Error.Kind == MgwErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates a data address without ever creating it twice or losing it, as <see cref="CreateJobSafelyAsync"/> does
    /// for jobs: <c>POST /address</c> is sent once (throttled answers retried); after an ambiguous failure (network,
    /// timeout, 5xx) <c>GET /address/{name}</c> decides: there with the same definition
    /// (<see cref="MgwAddressSpec.DifferingFields"/> empty) → created once; not there → sent again, at most
    /// <see cref="MgwClientOptions.MaxRetries"/> more times; there with another definition →
    /// <c>ImportAddressSpecConflict</c>. <c>ImportAddressAlreadyExist</c> on a re-send is decided by the same lookup; on the
    /// first send it is the service's error, unchanged. Returns the address read back with GetAddress.
    /// </summary>
    /// <exception cref="MgwException">The service's error, <c>ImportAddressSpecConflict</c>, <c>InvalidName</c>, or <c>InvalidResponse</c>.</exception>
    public async Task<MgwAddressCreateOutcome> CreateAddressSafelyAsync(MgwAddressSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        string name = Segment(spec.Name, "data address", "Name");
        string body = MgwRequestXml.CreateAddress(name, spec.TagText, spec.Detail);
        bool ambiguous = false;
        for (int send = 1; ; send++)
        {
            try
            {
                await SendAsync(new MgwCall(HttpMethod.Post, "/address", body), cancellationToken).ConfigureAwait(false);
            }
            catch (MgwException ex) when (ambiguous && ex.Error.Kind == MgwErrorKind.Exists)
            {
                Log($"MGW POST /address: {ex.Error.Code} after an unanswered attempt; looking up address '{name}'");
                MgwAddress? existing = await LookUpAddressAfterAsync(ex.Error, name, cancellationToken).ConfigureAwait(false);
                if (existing is null) throw;
                return Matched(spec, existing, send);
            }
            catch (MgwException ex) when (MgwErrorKinds.MayHaveBeenDone(ex.Error.Kind))
            {
                ambiguous = true;
                Log($"MGW POST /address: {ex.Error.Code} may have created address '{name}'; looking it up before sending again");
                MgwAddress? existing = await LookUpAddressAfterAsync(ex.Error, name, cancellationToken).ConfigureAwait(false);
                if (existing is not null) return Matched(spec, existing, send);
                if (send > _options.MaxRetries) throw;
                await Task.Delay(NextDelay(send - 1, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            MgwAddress created = await AfterCreateAddressAsync(name, () => GetAddressAsync(name, cancellationToken)).ConfigureAwait(false);
            return new MgwAddressCreateOutcome(created, send, recovered: false);
        }
    }

    /// <summary>
    /// The conflict reported when address <paramref name="name"/> exists with another definition: code
    /// <c>ImportAddressSpecConflict</c>, <see cref="MgwError.Value"/> = the differing field names.
    /// </summary>
    public static MgwError ImportAddressSpecConflict(string name, IReadOnlyList<string> differingFields) => new()
    {
        Code = MgwErrorCodes.ImportAddressSpecConflict,
        Message = $"Address '{name}' already exists with a different definition (differs in: {string.Join(", ", differingFields)}). " +
                  "Use another name, or remove the existing address first (Remove-MgwAddress).",
        Field = differingFields.Count > 0 ? differingFields[0] : null,
        Value = differingFields,
    };

    // The read-back of an answered create: its failure says the address exists, and how to get it.
    private static async Task<MgwAddress> AfterCreateAddressAsync(string name, Func<Task<MgwAddress>> readBack)
    {
        MgwAddress address;
        try
        {
            address = await readBack().ConfigureAwait(false);
        }
        catch (MgwException ex)
        {
            MgwError error = ex.Error.WithContext(null, null);
            error.Message = $"Address '{name}' was created, but reading it back failed: " +
                MgwMessages.Append(ex.Error.Message, "It exists on the service: run the same command again with -SkipExisting to get it.");
            throw new MgwException(error, ex);
        }

        if (!string.Equals(address.Name, name, StringComparison.Ordinal))
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidResponse,
                Message = $"Address '{name}' was created, but reading it back answered about '{MgwMessages.Printable(address.Name)}'. " +
                          "Run Get-MgwAddress to see it once the service answers properly.",
            });
        }

        return address;
    }

    private Task<MgwAddress?> LookUpAddressAfterAsync(MgwError sendFailure, string name, CancellationToken cancellationToken) =>
        LookUpAfterAsync(sendFailure, "address", name, null, TryGetAddressAsync, cancellationToken);

    private MgwAddressCreateOutcome Matched(MgwAddressSpec spec, MgwAddress existing, int sends)
    {
        IReadOnlyList<string> differing = spec.DifferingFields(existing);
        if (differing.Count > 0) throw new MgwException(ImportAddressSpecConflict(spec.Name!, differing));
        Log($"MGW POST /address: address '{spec.Name}' exists with the requested definition; created once");
        return new MgwAddressCreateOutcome(existing, sends, recovered: true);
    }
}
