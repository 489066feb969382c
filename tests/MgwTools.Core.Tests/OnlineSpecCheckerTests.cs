using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Bulk;
using MgwTools.Core.Client;
using MgwTools.Core.Specs;
using MgwTools.Emulator;
using static MgwTools.Core.Tests.JobCreatorRig;

namespace MgwTools.Core.Tests;

/// <summary>Test-MgwJobSpec -Online's checker against the emulator (issue 12 item 4), and New-MgwJob naming the missing address (item 5).</summary>
public class OnlineSpecCheckerTests
{
    private static Task<IReadOnlyList<MgwError>> Check(OnlineSpecChecker checker, MgwJobSpec spec, string? parent = null, int row = 1, bool valid = true) =>
        checker.CheckAsync(spec, parent, row, valid, CancellationToken.None);

    private static MgwJobSpec Spec(string name, string src, string dst, string? parentVersion = null) => new()
    {
        Name = name,
        SourceAddress = src,
        DestinationAddress = dst,
        OverwriteMode = OverwriteMode.Never,
        ParentVersion = parentVersion,
    };

    private static async Task<MgwJob> Create(JobCreatorRig rig, MgwJobSpec spec) => (await rig.Client.CreateJobSafelyAsync(spec)).Job;

    private static string[] Codes(IEnumerable<MgwError> findings) => findings.Select(f => f.Code).ToArray();

    private static string[] Errors(IEnumerable<MgwError> findings) => Codes(findings.Where(f => f.Severity == MgwSeverity.Error));

    [Fact]
    public async Task ExistingVerifiedAddresses_FreeName_NoFindings()
    {
        using var rig = new JobCreatorRig(addressPairs: 1);
        await rig.Client.VerifyAddressAsync("src0");
        await rig.Client.VerifyAddressAsync("dst0");
        var checker = new OnlineSpecChecker(rig.Client);

        Assert.Empty(await Check(checker, JobCreatorRig.Spec("job-a")));
        Assert.Equal(0, checker.ExistingJobs);
        Assert.Equal(1, checker.NewJobs);
    }

    [Fact]
    public async Task Addresses_Missing_NotVerified_VerifyFailed_NameTheirField()
    {
        using var rig = new JobCreatorRig(addressPairs: 1);
        rig.Emulator.SetVerifyResult("dst0", EmulatorVerifyResult.Failure("AccessDenied", "The role cannot write bucket dst0."));
        await rig.Client.VerifyAddressAsync("dst0");
        var checker = new OnlineSpecChecker(rig.Client);

        IReadOnlyList<MgwError> a = await Check(checker, Spec("job-a", "src0", "dst0"));
        IReadOnlyList<MgwError> b = await Check(checker, Spec("job-b", "nowhere", "dst0"), row: 2);

        MgwError notVerified = a.Single(f => f.Code == MgwErrorCodes.AddressNotVerified);
        Assert.Equal(("SourceAddress", "src0", MgwSeverity.Warning), (notVerified.Field, notVerified.Value, notVerified.Severity));
        Assert.Equal("The source address 'src0' was never verified: run Test-MgwAddress src0 to check that the service can reach it before the job runs.", notVerified.Message);
        MgwError failed = a.Single(f => f.Code == MgwErrorCodes.AddressVerifyFailed);
        Assert.Equal(("DestinationAddress", "dst0", MgwSeverity.Warning), (failed.Field, failed.Value, failed.Severity));
        Assert.Equal("The last verification of the destination address 'dst0' (2026-03-01 08:00Z) failed: AccessDenied (The role cannot write bucket dst0.). " +
                     "The job can be created, but its runs would fail; fix the address and run Test-MgwAddress dst0.", failed.Message);
        MgwError missing = b.Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwServiceCodes.NoSuchImportAddress, "SourceAddress", "nowhere"), (missing.Code, missing.Field, (string)missing.Value!));
        Assert.Equal("The source address 'nowhere' (-SourceAddress) does not exist: create it first (New-MgwAddress), or check the name (Get-MgwAddress).", missing.Message);
        Assert.Null(missing.Row);
        Assert.Null(missing.StatusCode);
    }

    [Fact]
    public async Task OneLookupPerDistinctName_OneListingForTheRun()
    {
        using var rig = new JobCreatorRig(addressPairs: 3);
        var checker = new OnlineSpecChecker(rig.Client);
        for (int i = 0; i < 9; i++)
        {
            await Check(checker, Spec($"job-{i}", "src" + (i % 3), i % 2 == 0 ? "nowhere" : "dst" + (i % 3)), row: i + 1);
        }

        Assert.Equal(1, rig.Handler.Count("GET /joblist"));
        Assert.Equal(7, checker.AddressLookups);   // src0-2, dst0-2, nowhere
        Assert.Equal(7, rig.Handler.Calls.Count(c => c.StartsWith("GET /address/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Name_Taken_Duplicate_Identical_Different()
    {
        using var rig = new JobCreatorRig(addressPairs: 2);
        await Create(rig, Spec("taken", "src0", "dst0"));

        IReadOnlyList<MgwError> taken = await Check(new OnlineSpecChecker(rig.Client), Spec("taken", "src0", "dst0"));
        MgwError exists = taken.Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwServiceCodes.ImportJobAlreadyExist, "Name", "taken"), (exists.Code, exists.Field, (string)exists.Value!));
        Assert.StartsWith("Job 'taken' already exists (status IMPORT_JOB_BEGIN, created 2026-03-01 08:00Z): choose another name", exists.Message);

        var skip = new OnlineSpecChecker(rig.Client, skipExisting: true);
        Assert.DoesNotContain(await Check(skip, Spec("taken", "src0", "dst0")), f => f.Severity == MgwSeverity.Error);
        Assert.Equal(0, skip.NewJobs);
        MgwError conflict = (await Check(new OnlineSpecChecker(rig.Client, skipExisting: true), Spec("taken", "src1", "dst0"))).Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwErrorCodes.ImportJobSpecConflict, "SourceAddress"), (conflict.Code, conflict.Field));

        var run = new OnlineSpecChecker(rig.Client);
        await Check(run, Spec("twice", "src1", "dst1"), row: 4);
        MgwError duplicate = (await Check(run, Spec("twice", "src1", "dst0"), row: 9)).Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwErrorCodes.DuplicateJobName, "Name"), (duplicate.Code, duplicate.Field));
        Assert.Equal("Job name 'twice' is already used by row 4 of this input; each job needs its own name.", duplicate.Message);
    }

    [Fact]
    public async Task Parent_ByNameOrVersion_OnTheServiceOrEarlierInTheInput()
    {
        using var rig = new JobCreatorRig(addressPairs: 2);
        MgwJob parent = await Create(rig, Spec("parent", "src0", "dst0"));
        var checker = new OnlineSpecChecker(rig.Client);

        Assert.DoesNotContain(await Check(checker, Spec("child-a", "src0", "dst0"), "parent", 1), f => f.Severity == MgwSeverity.Error);
        Assert.DoesNotContain(await Check(checker, Spec("child-b", "src0", "dst0", parent.Version), null, 2), f => f.Severity == MgwSeverity.Error);

        MgwError noName = (await Check(checker, Spec("child-c", "src1", "dst1"), "no-parent", 3)).Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwServiceCodes.NoSuchImportJobParent, "ParentJobName", "no-parent"), (noName.Code, noName.Field, (string)noName.Value!));
        Assert.Equal("The parent job 'no-parent' (-ParentJobName) does not exist, and no earlier row of this input creates it.", noName.Message);

        MgwError noVersion = (await Check(checker, Spec("child-d", "src1", "dst1", "6af62558-970d-4f44-8663-4e297170fd6a"), null, 4)).Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwServiceCodes.NoSuchImportJobParent, "ParentVersion"), (noVersion.Code, noVersion.Field));

        // A parent created by an earlier row of the same input, valid or not.
        Assert.DoesNotContain(await Check(checker, Spec("new-parent", "src1", "dst1"), null, 5), f => f.Severity == MgwSeverity.Error);
        Assert.DoesNotContain(await Check(checker, Spec("new-child", "src1", "dst1"), "new-parent", 6), f => f.Severity == MgwSeverity.Error);
        await Check(checker, Spec("bad-parent", "src1", "dst0"), null, 7, valid: false);
        MgwError notCreated = (await Check(checker, Spec("sad-child", "src1", "dst0"), "bad-parent", 8)).Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwErrorCodes.ParentNotCreated, "ParentJobName"), (notCreated.Code, notCreated.Field));
        Assert.Equal("The parent job 'bad-parent' (row 7 of this input) will not be created (it has errors), so this child cannot be either.", notCreated.Message);

        Assert.Equal(MgwErrorCodes.ParentGivenTwice, Assert.Single(Errors(await Check(checker, Spec("both", "src0", "dst1", parent.Version), "parent", 9))));
        Assert.Equal(MgwErrorCodes.ParentGivenTwice, Assert.Single(Errors(await Check(checker, Spec("self", "src0", "dst1"), "self", 10))));
        Assert.Equal(MgwErrorCodes.InvalidJobName, Assert.Single(Errors(await Check(checker, Spec("odd", "src0", "dst1"), "no good!", 11))));
    }

    [Fact]
    public async Task SkipExisting_AChildComparesWithItsResolvedParent()
    {
        using var rig = new JobCreatorRig(addressPairs: 1);
        MgwJob parent = await Create(rig, Spec("parent", "src0", "dst0"));
        await Create(rig, Spec("child", "src0", "dst0", parent.Version));

        IReadOnlyList<MgwError> findings = await Check(new OnlineSpecChecker(rig.Client, skipExisting: true), Spec("child", "src0", "dst0"), "parent");

        Assert.DoesNotContain(findings, f => f.Severity == MgwSeverity.Error);
    }

    [Fact]
    public async Task ARowForAnExistingJob_ItsChildJoinsThatJobsFamily()
    {
        using var rig = new JobCreatorRig(addressPairs: 1);
        MgwJob parent = await Create(rig, Spec("parent", "src0", "dst0"));
        await Create(rig, Spec("child", "src0", "dst0", parent.Version));

        // -SkipExisting: the parent row is the existing job, and so is the child row under it.
        var skip = new OnlineSpecChecker(rig.Client, skipExisting: true);
        Assert.DoesNotContain(await Check(skip, Spec("parent", "src0", "dst0"), null, 1), f => f.Severity == MgwSeverity.Error);
        Assert.DoesNotContain(await Check(skip, Spec("child", "src0", "dst0"), "parent", 2), f => f.Severity == MgwSeverity.Error);
        Assert.DoesNotContain(await Check(skip, Spec("child-2", "src0", "dst0"), "parent", 3), f => f.Severity == MgwSeverity.Error);

        // Without it the parent row fails (its name is taken), so a child of that row is not created either, as New-MgwJob would have it.
        var plain = new OnlineSpecChecker(rig.Client);
        Assert.Equal(MgwServiceCodes.ImportJobAlreadyExist, Assert.Single(Errors(await Check(plain, Spec("parent", "src0", "dst0"), null, 1))));
        Assert.Equal(MgwErrorCodes.ParentNotCreated, Assert.Single(Errors(await Check(plain, Spec("child-3", "src0", "dst0"), "parent", 2))));
    }

    [Fact]
    public async Task SameAddressPair_OutsideTheFamily_Repeated()
    {
        using var rig = new JobCreatorRig(addressPairs: 2);
        await Create(rig, Spec("first", "src0", "dst0"));
        var checker = new OnlineSpecChecker(rig.Client);

        MgwError twin = (await Check(checker, Spec("second", "src0", "dst0"))).Single(f => f.Severity == MgwSeverity.Error);
        Assert.Equal((MgwServiceCodes.ImportJobRepeatedOnSameAddress, "SourceAddress", "src0"), (twin.Code, twin.Field, (string)twin.Value!));
        Assert.Equal("Job 'first' already migrates from 'src0' to 'dst0'; the service takes one job per address pair outside a job's family. " +
                     "Use other addresses, or make this job a child (-ParentJobName 'first').", twin.Message);
        Assert.DoesNotContain(await Check(checker, Spec("retry", "src0", "dst0"), "first", 2), f => f.Severity == MgwSeverity.Error);
        // A parent that cannot be found leaves the family unknown: only the parent is reported.
        Assert.Equal(MgwServiceCodes.NoSuchImportJobParent, Assert.Single(Errors(await Check(checker, Spec("lost-child", "src0", "dst0"), "no-parent", 9))));

        await Check(checker, Spec("row-three", "src1", "dst1"), null, 3);
        MgwError rowTwin = (await Check(checker, Spec("row-four", "src1", "dst1"), null, 4)).Single(f => f.Severity == MgwSeverity.Error);
        Assert.StartsWith("Row 3 of this input ('row-three') already migrates from 'src1' to 'dst1'", rowTwin.Message);
    }

    [Fact]
    public async Task Quota_ValidNewRowsTakeItsPlaces_InRowOrder()
    {
        using var rig = new JobCreatorRig(addressPairs: 4);
        await Create(rig, Spec("old", "src0", "dst0"));
        var checker = new OnlineSpecChecker(rig.Client, skipExisting: true, jobLimit: 3);

        Assert.Empty(Codes((await Check(checker, Spec("old", "src0", "dst0"))).Where(f => f.Severity == MgwSeverity.Error)));   // exists: no place taken
        Assert.Empty(Codes((await Check(checker, Spec("refused", "src3", "dst3"), row: 2, valid: false)).Where(f => f.Severity == MgwSeverity.Error)));
        Assert.Empty(Codes((await Check(checker, Spec("new-1", "src1", "dst1"), row: 3)).Where(f => f.Severity == MgwSeverity.Error)));
        Assert.Empty(Codes((await Check(checker, Spec("new-2", "src2", "dst2"), row: 4)).Where(f => f.Severity == MgwSeverity.Error)));
        MgwError full = (await Check(checker, Spec("new-3", "src3", "dst0"), row: 5)).Single(f => f.Severity == MgwSeverity.Error);

        Assert.Equal((MgwServiceCodes.ImportJobNumExceed, "Name", "new-3"), (full.Code, full.Field, (string)full.Value!));
        Assert.Equal("The region holds 1 job(s) and the valid rows before this one add 2: the quota is 3 jobs per region, so this job would not be created. " +
                     "Delete jobs that are done (Remove-MgwJob), or split the input.", full.Message);
        Assert.Equal(2, checker.NewJobs);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnlineSpecChecker(rig.Client, jobLimit: -1));
    }

    [Fact]
    public async Task ALookupThatFails_Throws()
    {
        using var rig = new JobCreatorRig(addressPairs: 1, tweak: o => o.MaxRetries = 0);
        rig.Emulator.FailNext(EmulatorFault.ServerError);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => Check(new OnlineSpecChecker(rig.Client), JobCreatorRig.Spec("job-a")));

        Assert.Equal(MgwServiceCodes.InternalError, ex.Error.Code);
    }

    // ---- item 5: New-MgwJob's NoSuchImportAddress says which address ------------------------------------

    [Theory]
    [InlineData("src0", "nowhere", "DestinationAddress", "destination")]
    [InlineData("nowhere", "dst0", "SourceAddress", "source")]
    [InlineData("nowhere", "nowhere", "SourceAddress", "source")]
    public async Task Create_NoSuchImportAddress_NamesItsFieldAndValue(string src, string dst, string field, string which)
    {
        using var rig = new JobCreatorRig(addressPairs: 1);
        var creator = new JobCreator(rig.Client, 1);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => creator.Submit(Spec("job-a", src, dst), null, 1, CancellationToken.None));

        Assert.Equal((MgwServiceCodes.NoSuchImportAddress, 404, MgwErrorKind.NotFound), (ex.Error.Code, ex.Error.StatusCode, ex.Error.Kind));
        Assert.Equal(field, ex.Error.Field);
        Assert.Equal("nowhere", ex.Error.Value);
        Assert.Equal($"The {which} address 'nowhere' (-{field}) does not exist: The import address 'nowhere' does not exist.", ex.Error.Message);
        Assert.NotNull(ex.Error.RequestId);
        Assert.Equal(1, rig.Handler.Calls.Count(c => c.StartsWith("GET /address/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_NoSuchImportAddress_LookupFails_TheServicesErrorAsItWas()
    {
        using var rig = new JobCreatorRig(addressPairs: 1, tweak: o => o.MaxRetries = 0);
        rig.Handler.Hold = request => request.RequestUri!.AbsolutePath.StartsWith("/address/", StringComparison.Ordinal)
            ? Task.FromException(new HttpRequestException("the lookup was cut"))
            : Task.CompletedTask;
        var creator = new JobCreator(rig.Client, 1);

        MgwException ex = await Assert.ThrowsAsync<MgwException>(() => creator.Submit(Spec("job-a", "src0", "nowhere"), null, 1, CancellationToken.None));

        Assert.Equal(MgwServiceCodes.NoSuchImportAddress, ex.Error.Code);
        Assert.Null(ex.Error.Field);
        Assert.Equal("The import address 'nowhere' does not exist.", ex.Error.Message);
    }
}
