using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Addresses;
using MgwTools.Core.Client;
using MgwTools.Emulator;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

/// <summary>Creating addresses: AddressCreator on the emulator, CreateAddressSafelyAsync on scripted answers.</summary>
public class AddressCreatorTests
{
    private const string Secret = "addr-SECRET-never-shown-7731";

    private static MgwAddressSpec Oss(string name, string bucket = "bucket-a", string prefix = "data/")
    {
        var (spec, findings) = AddressBinder.Bind(new Dictionary<string, object?>
        {
            ["Name"] = name, ["Type"] = "oss", ["Bucket"] = bucket, ["BucketRegion"] = "cn-hangzhou", ["Role"] = "MgwRole", ["Prefix"] = prefix, ["Tag"] = "team:data",
        });
        Assert.Empty(AddressValidator.Check(spec, findings));
        return spec;
    }

    private static MgwAddressSpec S3(string name)
    {
        var (spec, findings) = AddressBinder.Bind(new Dictionary<string, object?>
        {
            ["Name"] = name, ["Type"] = "S3", ["Bucket"] = "aws-bucket", ["Domain"] = "s3.amazonaws.com", ["Credential"] = new MgwStorageKey("AKIAEXAMPLE123456789", Secret),
        });
        Assert.Empty(AddressValidator.Check(spec, findings));
        return spec;
    }

    [Fact]
    public async Task Created_ReadBack_SecretSentButNeverReturned()
    {
        using var rig = new JobCreatorRig(addressPairs: 0);
        var creator = new AddressCreator(rig.Client);

        AddressCreationResult result = await creator.CreateAsync(S3("s3-a"), 1, CancellationToken.None);

        Assert.Equal(AddressCreationKind.Created, result.Kind);
        Assert.Equal(1, result.Sends);
        Assert.Equal("s3-a", result.Address.Name);
        Assert.Equal("s3", result.Address.AddressType);
        Assert.Equal("AKIA*************789", result.Address.AccessKeyId);
        Assert.Equal(new[] { "POST /address", "GET /address/s3-a" }, rig.Handler.Calls.ToArray());
        EmulatorAddress stored = Assert.Single(rig.Emulator.Addresses);
        Assert.True(stored.HasAccessSecret);
        Assert.DoesNotContain(Secret, string.Join("\n", rig.Log));
    }

    [Fact]
    public async Task SecondRowWithTheSameName_DuplicateAddressName_NothingSent()
    {
        using var rig = new JobCreatorRig(addressPairs: 0);
        var creator = new AddressCreator(rig.Client);
        await creator.CreateAsync(Oss("oss-a"), 1, CancellationToken.None);
        int calls = rig.Handler.Calls.Count;

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => creator.CreateAsync(Oss("oss-a", bucket: "other"), 3, CancellationToken.None));

        Assert.Equal(MgwErrorCodes.DuplicateAddressName, ex.Error.Code);
        Assert.Equal("Name", ex.Error.Field);
        Assert.Equal("Address name 'oss-a' was already used by row 1 of this input; each address needs its own name. The row was not sent.", ex.Error.Message);
        Assert.Equal(MgwErrorKind.BadInput, ex.Error.Kind);
        Assert.Equal(calls, rig.Handler.Calls.Count);
    }

    [Fact]
    public async Task Existing_WithoutSkipExisting_IsTheServicesError()
    {
        using var rig = new JobCreatorRig(addressPairs: 0);
        await new AddressCreator(rig.Client).CreateAsync(Oss("oss-a"), 1, CancellationToken.None);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => new AddressCreator(rig.Client).CreateAsync(Oss("oss-a"), 1, CancellationToken.None));

        Assert.Equal((MgwServiceCodes.ImportAddressAlreadyExist, 409, MgwErrorKind.Exists), (ex.Error.Code, ex.Error.StatusCode, ex.Error.Kind));
        Assert.Equal("The import address 'oss-a' already exists.", ex.Error.Message);
    }

    [Fact]
    public async Task SkipExisting_Identical_ReturnedAsItIs_Different_Conflict()
    {
        using var rig = new JobCreatorRig(addressPairs: 0);
        await new AddressCreator(rig.Client).CreateAsync(Oss("oss-a"), 1, CancellationToken.None);
        var rerun = new AddressCreator(rig.Client, skipExisting: true);

        AddressCreationResult same = await rerun.CreateAsync(Oss("oss-a"), 1, CancellationToken.None);
        MgwException ex = await Assert.ThrowsAsync<MgwException>(() =>
            new AddressCreator(rig.Client, skipExisting: true).CreateAsync(Oss("oss-a", prefix: "other/"), 3, CancellationToken.None));

        Assert.Equal((AddressCreationKind.Existing, 0), (same.Kind, same.Sends));
        Assert.Equal(MgwErrorCodes.ImportAddressSpecConflict, ex.Error.Code);
        Assert.Equal(MgwErrorKind.Exists, ex.Error.Kind);
        Assert.Equal("Prefix", ex.Error.Field);
        Assert.Equal(new[] { "Prefix" }, (IReadOnlyList<string>)ex.Error.Value!);
        Assert.StartsWith("Address 'oss-a' already exists with a different definition (differs in: Prefix).", ex.Error.Message);
        Assert.Single(rig.Emulator.Addresses);
    }

    [Fact]
    public async Task QuotaAndKindRules_AreTheServicesErrors()
    {
        using var rig = new JobCreatorRig(addressPairs: 0, configure: o => o.MaxAddresses = 1);
        var creator = new AddressCreator(rig.Client);
        await creator.CreateAsync(Oss("oss-a"), 1, CancellationToken.None);

        MgwException full = await Assert.ThrowsAsync<MgwException>(() => creator.CreateAsync(Oss("oss-b"), 2, CancellationToken.None));

        Assert.Equal((MgwServiceCodes.ImportAddressNumExceed, 400, MgwErrorKind.Quota), (full.Error.Code, full.Error.StatusCode, full.Error.Kind));
        Assert.Equal("The number of import addresses exceeds the limit of 1 per region.", full.Error.Message);
    }

    [Fact]
    public async Task Constructor_And_NamelessSpec_Refused()
    {
        using var rig = new JobCreatorRig(addressPairs: 0);
        Assert.Throws<ArgumentNullException>(() => new AddressCreator(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => new AddressCreator(rig.Client).CreateAsync(new MgwAddressSpec(), 1, CancellationToken.None));
        Assert.Empty(rig.Handler.Calls);
    }

    // ---- CreateAddressSafelyAsync on scripted answers ---------------------------------------------------

    private static string AddressXml(string name = "oss-a", string prefix = "data/") =>
        Doc($"<ImportAddress><Name>{name}</Name><AddressDetail><AddressType>oss</AddressType><Bucket>bucket-a</Bucket><Prefix>{prefix}</Prefix>" +
            "<RegionId>oss-cn-hangzhou</RegionId><Role>MgwRole</Role></AddressDetail><Tags>team:data</Tags><Version>v-1</Version></ImportAddress>");

    private static string[] Calls(LoopbackServer server) => server.Requests.Select(r => r.Method + " " + r.RawUrl).ToArray();

    [Fact]
    public async Task Safely_CommittedThenDropped_LookupFindsIt_CreatedOnce()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Ok(AddressXml()));
        using MgwClient client = NewClient(server);

        MgwAddressCreateOutcome outcome = await client.CreateAddressSafelyAsync(Oss("oss-a"));

        Assert.Equal(new[] { "POST /address", "GET /address/oss-a" }, Calls(server));
        Assert.True(outcome.Recovered);
        Assert.Equal(1, outcome.Sends);
    }

    [Fact]
    public async Task Safely_NotCreated_SentAgain_ThenAlreadyExistDecidedByLookup()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Error(503, "ServiceUnavailable"),
            Scripted.Error(404, "NoSuchImportAddress"),
            Scripted.Error(409, "ImportAddressAlreadyExist"),
            Scripted.Ok(AddressXml()));
        using MgwClient client = NewClient(server);

        MgwAddressCreateOutcome outcome = await client.CreateAddressSafelyAsync(Oss("oss-a"));

        Assert.Equal(new[] { "POST /address", "GET /address/oss-a", "POST /address", "GET /address/oss-a" }, Calls(server));
        Assert.True(outcome.Recovered);
        Assert.Equal(2, outcome.Sends);
    }

    [Fact]
    public async Task Safely_FoundWithAnotherDefinition_Conflict()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Ok(AddressXml(prefix: "other/")));
        using MgwClient client = NewClient(server);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateAddressSafelyAsync(Oss("oss-a")));

        Assert.Equal(MgwErrorCodes.ImportAddressSpecConflict, ex.Error.Code);
    }

    [Fact]
    public async Task Safely_LookupFailsToo_SaysItIsNotKnown()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Dropped(), Scripted.Dropped(), Scripted.Dropped(), Scripted.Dropped(), Scripted.Dropped());
        using MgwClient client = NewClient(server, tweak: o => o.MaxRetries = 0);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateAddressSafelyAsync(Oss("oss-a")));

        Assert.Equal(MgwErrorCodes.ConnectionFailed, ex.Error.Code);
        Assert.Contains("Whether address 'oss-a' was created is not known", ex.Error.Message);
    }

    [Fact]
    public async Task Safely_ReadBackFails_SaysItWasCreated()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(), Scripted.Error(403, "AccessDenied", "no GetImportAddress"));
        using MgwClient client = NewClient(server);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateAddressSafelyAsync(Oss("oss-a")));

        Assert.Equal(MgwServiceCodes.AccessDenied, ex.Error.Code);
        Assert.StartsWith("Address 'oss-a' was created, but reading it back failed: no GetImportAddress", ex.Error.Message);
    }

    [Fact]
    public async Task Safely_ReadBackAboutAnotherAddress_InvalidResponse()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(), Scripted.Ok(AddressXml(name: "someone-else")));
        using MgwClient client = NewClient(server);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => client.CreateAddressSafelyAsync(Oss("oss-a")));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Contains("answered about 'someone-else'", ex.Error.Message);
    }

    [Fact]
    public async Task TryGetAddress_NullWhenMissing()
    {
        using var rig = new JobCreatorRig(addressPairs: 1);
        Assert.Null(await rig.Client.TryGetAddressAsync("nowhere"));
        Assert.Equal("src0", (await rig.Client.TryGetAddressAsync("src0"))!.Name);
    }
}
