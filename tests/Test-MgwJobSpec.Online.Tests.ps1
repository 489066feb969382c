# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Test-MgwJobSpec -Online against the local service (127.0.0.1 only): the service's findings per row and field,
# one lookup per distinct name, -SkipExisting, the job quota, and a lookup that fails.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $script:CommandId = 'MgwTools.Commands.TestMgwJobSpecCommand'

    function New-Row([string] $Name, [string] $Src, [string] $Dest, [string] $Parent = '') {
        [pscustomobject]@{ 'job-name' = $Name; 'src-address' = $Src; 'dest-address' = $Dest; 'overwrite-mode' = 'never'; 'parent-job-name' = $Parent }
    }

    function Findings($Results) { @($Results | ForEach-Object { $_.Errors; $_.Warnings }) }
}

Describe 'Test-MgwJobSpec -Online' {
    BeforeEach {
        $svc = Start-MgwEmulator -Address src-a, dest-a, src-b, dest-b -PassThru
        $null = Test-MgwAddress src-a, dest-a, src-b
        $svc.SetVerifyResult('dest-b', 'AccessDenied', 'The role cannot write bucket dest-b.')
        $null = Test-MgwAddress dest-b
        $null = New-MgwJob existing-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'adds the service''s findings to each row, naming row and field like the offline ones' {
        $rows = @(
            New-Row existing-job src-a dest-a
            New-Row missing-address src-a nowhere
            New-Row orphan src-b dest-a no-such-parent
            New-Row new-job src-b dest-b
            New-Row 'Bad Name!' src-a dest-b
        )
        $results = $rows | Test-MgwJobSpec -Online
        $results | Should -HaveCount 5
        @($results.IsValid) | Should -Be @($false, $false, $false, $true, $false)
        $f = Findings $results
        $taken = $f | Where-Object Code -EQ ImportJobAlreadyExist
        ($taken.Row, $taken.JobName, $taken.Field, $taken.Value, "$($taken.Severity)") | Should -Be @(1, 'existing-job', 'Name', 'existing-job', 'Error')
        $taken.Message | Should -BeLike "Job 'existing-job' already exists (status IMPORT_JOB_BEGIN, created *): choose another name*"
        $missing = $f | Where-Object Code -EQ NoSuchImportAddress
        ($missing.Row, $missing.Field, $missing.Value) | Should -Be @(2, 'DestinationAddress', 'nowhere')
        $missing.Message | Should -Be "The destination address 'nowhere' (-DestinationAddress) does not exist: create it first (New-MgwAddress), or check the name (Get-MgwAddress)."
        $parent = $f | Where-Object Code -EQ NoSuchImportJobParent
        ($parent.Row, $parent.Field, $parent.Value) | Should -Be @(3, 'ParentJobName', 'no-such-parent')
        $failed = $f | Where-Object { $_.Code -eq 'AddressVerifyFailed' -and $_.Row -eq 4 }
        ($failed.Field, "$($failed.Severity)") | Should -Be @('DestinationAddress', 'Warning')
        $failed.Message | Should -BeLike "The last verification of the destination address 'dest-b' (*) failed: AccessDenied (The role cannot write bucket dest-b.)*"
        # An offline error and an online warning on one row.
        @($results[4].Errors.Code) | Should -Contain 'InvalidJobName'
        @($results[4].Warnings.Code) | Should -Contain 'AddressVerifyFailed'
        $results[3].Body | Should -BeLike '<ImportJob><Name>new-job</Name>*'
    }

    It 'asks once per distinct address name and lists the jobs once for the whole input' {
        $rows = 1..10 | ForEach-Object { New-Row "job-$_" ('src-a', 'src-b')[$_ % 2] ('dest-a', 'dest-b', 'nowhere')[$_ % 3] }
        $before = $svc.Stats.Requests
        $null = $rows | Test-MgwJobSpec -Online
        $svc.Stats.Requests - $before | Should -Be 6   # ListJob, then src-a, src-b, dest-a, dest-b, nowhere
    }

    It 'warns about an address never verified (AddressNotVerified)' {
        $null = New-MgwAddress fresh-src -Bucket fresh -BucketRegion cn-hangzhou -Role r1
        $w = (Test-MgwJobSpec fresh-job -SourceAddress fresh-src -DestinationAddress dest-a -OverwriteMode Never -Online).Warnings
        ($w.Code, $w.Field, $w.Value) | Should -Be @('AddressNotVerified', 'SourceAddress', 'fresh-src')
        $w.Message | Should -Be "The source address 'fresh-src' was never verified: run Test-MgwAddress fresh-src to check that the service can reach it before the job runs."
    }

    It 'with -SkipExisting an identical job passes and a different one is ImportJobSpecConflict' {
        (New-Row existing-job src-a dest-a | Test-MgwJobSpec -Online -SkipExisting).IsValid | Should -BeTrue
        $different = [pscustomobject]@{ 'job-name' = 'existing-job'; 'src-address' = 'src-a'; 'dest-address' = 'dest-a'; 'overwrite-mode' = 'always'; 'transfer-mode' = 'all' }
        $out = $different | Test-MgwJobSpec -Online -SkipExisting
        ($out.Errors.Code, $out.Errors.Field) | Should -Be @('ImportJobSpecConflict', 'OverwriteMode')
        $out.Errors[0].Message | Should -BeLike "Job 'existing-job' already exists with a different definition (differs in: OverwriteMode)*"
        # A name used twice in one input: the second row is DuplicateJobName, as New-MgwJob would have it.
        (@((New-Row existing-job src-a dest-a), $different) | Test-MgwJobSpec -Online -SkipExisting)[1].Errors.Code | Should -Be 'DuplicateJobName'
    }

    It 'a parent created by an earlier row passes; with -Quiet only the verdicts come out' {
        $rows = @(
            New-Row parent-job src-b dest-b
            New-Row child-job src-b dest-b parent-job
            New-Row twin-job src-b dest-b
        )
        $rows | Test-MgwJobSpec -Online -Quiet | Should -Be @($true, $true, $false)
        ($rows | Test-MgwJobSpec -Online)[2].Errors.Code | Should -Be 'ImportJobRepeatedOnSameAddress'
    }

    It 'ImportJobNumExceed for the valid rows past the region''s 500-job quota, in row order' {
        $null = New-MgwJob family -SourceAddress src-b -DestinationAddress dest-b -OverwriteMode Never
        $children = 1..497 | ForEach-Object { [pscustomobject]@{ Name = "child-$_"; SourceAddress = 'src-b'; DestinationAddress = 'dest-b'; OverwriteMode = 'Never'; ParentJobName = 'family' } }
        $null = $children | New-MgwJob -ThrottleLimit 16
        $svc.JobCount | Should -Be 499
        $out = @(
            New-Row last-one src-b dest-a
            New-Row too-many src-a dest-b
        ) | Test-MgwJobSpec -Online
        $out[0].IsValid | Should -BeTrue
        $full = $out[1].Errors | Where-Object Code -EQ ImportJobNumExceed
        ($full.Row, $full.Field) | Should -Be @(2, 'Name')
        $full.Message | Should -BeLike 'The region holds 499 job(s) and the valid rows before this one add 1: the quota is 500 jobs per region*'
    }

    It 'stops with the lookup''s error when the service refuses to answer (SignatureDoesNotMatch), naming the row' {
        $wrong = Connect-Mgw -AccountId $svc.AccountId -Region $svc.Region -Endpoint $svc.Endpoint -AccessKeyId $svc.AccessKeyId `
            -AccessKeySecret (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force) -PassThru
        $err = { New-Row job-a src-a dest-a | Test-MgwJobSpec -Online -Context $wrong } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "SignatureDoesNotMatch,$CommandId"
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.Exception.Message | Should -BeLike 'Row 1 ''job-a'': The request signature we calculated does not match the signature you provided.*'
        $err.Exception.Error.Row | Should -Be 1
    }

    It 'needs a context with -Online (NotConnected), not without' {
        Disconnect-Mgw
        (Test-MgwJobSpec job-a -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never).IsValid | Should -BeTrue
        $err = { Test-MgwJobSpec job-a -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -Online } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "NotConnected,$CommandId"
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -BeLike 'This PowerShell session is not connected to Data Online Migration. Run Connect-Mgw first*'
    }
}
