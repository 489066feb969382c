using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Core.Addresses;

/// <summary>How a row's address came to be returned.</summary>
public enum AddressCreationKind
{
    /// <summary>POST /address was answered: this run created it.</summary>
    Created,
    /// <summary>An unanswered POST created it; a lookup proved it.</summary>
    Recovered,
    /// <summary><c>-SkipExisting</c>: it existed with the same definition and was returned as it is.</summary>
    Existing,
}

/// <summary>What <see cref="AddressCreator.CreateAsync"/> produced for one row.</summary>
public sealed class AddressCreationResult
{
    internal AddressCreationResult(MgwAddress address, AddressCreationKind kind, int sends)
    {
        Address = address;
        Kind = kind;
        Sends = sends;
    }

    /// <summary>The address as GetAddress reports it.</summary>
    public MgwAddress Address { get; }

    /// <summary>Created, recovered or existing.</summary>
    public AddressCreationKind Kind { get; }

    /// <summary>How many times POST /address was sent (0 for an existing address).</summary>
    public int Sends { get; }
}

/// <summary>
/// The work of <c>New-MgwAddress</c> behind its parameters, for one run (one pipeline): creates each valid spec at most
/// once, in row order, and
/// <list type="bullet">
/// <item>refuses a second row with a name already submitted in this run (<c>DuplicateAddressName</c>, naming the first row);</item>
/// <item>with <c>skipExisting</c>, returns an address that exists with the same definition and reports
/// <c>ImportAddressSpecConflict</c> with the differing fields when it differs;</item>
/// <item>creates with <see cref="MgwClient.CreateAddressSafelyAsync"/> (never twice, never lost).</item>
/// </list>
/// Addresses are few (1,000 per region) and created one at a time, so errors and output keep the input's order.
/// </summary>
public sealed class AddressCreator
{
    private readonly MgwClient _client;
    private readonly bool _skipExisting;
    private readonly Dictionary<string, int?> _submitted = new(StringComparer.Ordinal);

    /// <summary>A creator over <paramref name="client"/>.</summary>
    public AddressCreator(MgwClient client, bool skipExisting = false)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _skipExisting = skipExisting;
    }

    /// <summary>
    /// Creates <paramref name="spec"/> (a spec that passed <see cref="AddressValidator"/>) and returns it as the service
    /// reports it. Fails with an <see cref="MgwException"/>: the service's error, <c>DuplicateAddressName</c>,
    /// <c>ImportAddressSpecConflict</c>.
    /// </summary>
    public async Task<AddressCreationResult> CreateAsync(MgwAddressSpec spec, int? row, CancellationToken cancellationToken)
    {
        if (spec?.Name is not { Length: > 0 } name) throw new ArgumentException("The spec has no name.", nameof(spec));
        if (_submitted.TryGetValue(name, out int? first))
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.DuplicateAddressName,
                Field = AddressFields.Name,
                Value = name,
                Message = first.HasValue
                    ? string.Format(CultureInfo.InvariantCulture, "Address name '{0}' was already used by row {1} of this input; each address needs its own name. The row was not sent.", name, first.Value)
                    : $"Address name '{name}' was already used earlier in this input; each address needs its own name. It was not sent again.",
            });
        }

        _submitted[name] = row;
        if (_skipExisting && await _client.TryGetAddressAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            IReadOnlyList<string> differing = spec.DifferingFields(existing);
            if (differing.Count > 0) throw new MgwException(MgwClient.ImportAddressSpecConflict(name, differing));
            return new AddressCreationResult(existing, AddressCreationKind.Existing, 0);
        }

        MgwAddressCreateOutcome outcome = await _client.CreateAddressSafelyAsync(spec, cancellationToken).ConfigureAwait(false);
        return new AddressCreationResult(outcome.Address, outcome.Recovered ? AddressCreationKind.Recovered : AddressCreationKind.Created, outcome.Sends);
    }
}
