# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# What leaves the module stands on its own: job sets copied through CSV (Export-Csv, then Import-Csv | New-MgwJob
# -SkipExisting, in the same service or another one), JSON with names rather than numbers, error messages that say
# which row and job they are about, and ToString on every public object.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $ConfirmPreference = 'None'

    # Every field of design §2 set (but ParentVersion, which names a job of the source account), and a job with none.
    function New-JobSet {
        $tags = [ordered]@{ team = 'data'; env = 'prod' }
        New-MgwJob full-a -SourceAddress src-a -DestinationAddress dst-a -OverwriteMode Always -TransferMode LastModified `
            -MaxBandwidth 200Mbps -MaxQps 100 -CreateReport -LogMode Basic -ExcludeDirectory -ExcludeSymlink `
            -IncludeKey 'logs/.*', 'a{1,3}', '[,]x' -ExcludeKey 'tmp/' `
            -IncludeLastModified '2025-07-03 00:00:00 > 2025-07-04 00:00:00', '2025-08-01 08:00:00+08:00 > 2025-08-02 00:00:00Z' `
            -ExcludeLastModified '2025-07-03 10:00:00 > 2025-07-03 11:00:00' -TargetStorageClass IA -WithLastModifyTime `
            -ConvertSymlinkTarget -AppendableToNormal -StartCron '0 0 2 * * *' -SuspendCron '0 0 6 * * *' -MaxScheduleCount 5 -Tag $tags
        New-MgwJob plain-b -SourceAddress src-b -DestinationAddress dst-b -OverwriteMode Never
        New-MgwJob storage-c -SourceAddress src-c -DestinationAddress dst-c -OverwriteMode Always -TransferMode All -WithStorageClass -WithLastModifyTime:$false
    }
    $Addresses = 'src-a', 'dst-a', 'src-b', 'dst-b', 'src-c', 'dst-c'
}

AfterAll {
    Stop-AllEmulators
    Disconnect-Mgw
}

Describe 'Copying a set of jobs through CSV' {
    BeforeAll {
        $null = Start-MgwEmulator -Address $Addresses
        $script:Created = @(New-JobSet)
        $script:Jobs = @(Get-MgwJob)
        $script:Csv = Join-Path $TestDrive 'jobs.csv'
        $Jobs | Export-Csv -LiteralPath $Csv
        $script:Cells = Import-Csv -LiteralPath $Csv | Where-Object Name -EQ 'full-a'
    }

    It 'writes each list and tag as the text a CSV cell takes, never a type name' {
        $text = Get-Content -Raw -LiteralPath $Csv
        $text | Should -Not -Match 'System\.'
        $Cells.IncludeKey | Should -Be 'logs/.*,a{1,3},[,]x'
        $Cells.ExcludeKey | Should -Be 'tmp/'
        $Cells.IncludeLastModified | Should -Be '2025-07-03 00:00:00Z > 2025-07-04 00:00:00Z,2025-08-01 00:00:00Z > 2025-08-02 00:00:00Z'
        $Cells.ExcludeLastModified | Should -Be '2025-07-03 10:00:00Z > 2025-07-03 11:00:00Z'
        $Cells.Tag | Should -Be 'team:data,env:prod'
        $Cells.OverwriteMode | Should -Be 'Always'
        $Cells.UnreadValues | Should -Be ''
    }

    It 'recreates identical jobs in another service (another account), with no error and no warning' {
        Stop-AllEmulators
        $other = Start-MgwEmulator -Address $Addresses -PassThru
        $copied = @(Import-Csv -LiteralPath $Csv | New-MgwJob -SkipExisting -ErrorVariable err -WarningVariable warn)
        $err | Should -BeNullOrEmpty
        $warn | Should -BeNullOrEmpty
        $copied | Should -HaveCount $Jobs.Count
        foreach ($job in $Jobs) {
            $copy = Get-MgwJob $job.Name
            $copy.Version | Should -Not -Be $job.Version
            $job.ToSpec().DifferingFields($copy.ToSpec()) | Should -BeNullOrEmpty -Because $job.Name
            @($copy.IncludeKey) | Should -Be @($job.IncludeKey)
            @($copy.IncludeLastModified | ForEach-Object ToString) | Should -Be @($job.IncludeLastModified | ForEach-Object ToString)
            $copy.Tag.ToString() | Should -Be $job.Tag.ToString()
            $copy.WithLastModifyTime | Should -Be $job.WithLastModifyTime
        }
        $other.JobCount | Should -Be $Jobs.Count
    }

    It 'returns the existing jobs when the same file goes to the same service again' {
        $before = @(Get-MgwJob)
        $again = @(Import-Csv -LiteralPath $Csv | New-MgwJob -SkipExisting -ErrorVariable err)
        $err | Should -BeNullOrEmpty
        @($again.Version | Sort-Object) | Should -Be @($before.Version | Sort-Object)
    }

    It 'round-trips the objects New-MgwJob returns too (their Row column included)' {
        Stop-AllEmulators
        $null = Start-MgwEmulator -Address $Addresses
        $rows = @(Import-Csv -LiteralPath $Csv | New-MgwJob)
        @($rows.Row | Sort-Object) | Should -Be @(1..$rows.Count)
        $path = Join-Path $TestDrive 'created.csv'
        $rows | Export-Csv -LiteralPath $path
        Stop-AllEmulators
        $null = Start-MgwEmulator -Address $Addresses
        $copied = @(Import-Csv -LiteralPath $path | New-MgwJob -SkipExisting -ErrorVariable err)
        $err | Should -BeNullOrEmpty
        foreach ($job in $rows) { $job.ToSpec().DifferingFields((Get-MgwJob $job.Name).ToSpec()) | Should -BeNullOrEmpty }
        $copied | Should -HaveCount $rows.Count
    }
}

Describe 'JSON of the module''s objects' {
    BeforeAll {
        Stop-AllEmulators
        $null = Start-MgwEmulator -Address $Addresses
        $null = New-JobSet
        $script:Json = Get-MgwJob full-a | ConvertTo-Json -Depth 5
        $script:Parsed = $Json | ConvertFrom-Json
    }

    It 'shows modes and storage classes as names, not numbers' {
        $Parsed.OverwriteMode | Should -Be 'Always'
        $Parsed.TransferMode | Should -Be 'LastModified'
        $Parsed.LogMode | Should -Be 'Basic'
        $Parsed.TargetStorageClass | Should -Be 'IA'
        $Json | Should -Match '"OverwriteMode":\s*"Always"'
    }

    It 'shows the status as its text, lists as arrays and tags as an object' {
        $Parsed.Status.Value | Should -Be 'IMPORT_JOB_BEGIN'
        @($Parsed.IncludeKey) | Should -Be @('logs/.*', 'a{1,3}', '[,]x')
        $Parsed.Tag.team | Should -Be 'data'
    }

    It 'shows an error''s severity and kind as names' {
        $v = Test-MgwJobSpec bad-one -SourceAddress src-a -DestinationAddress dst-a -OverwriteMode Sometimes
        $e = $v.Errors[0] | ConvertTo-Json | ConvertFrom-Json
        $e.Severity | Should -Be 'Error'
        $e.Kind | Should -Be 'BadInput'
    }
}

Describe 'Messages that stand alone' {
    BeforeAll {
        Stop-AllEmulators
        $null = Start-MgwEmulator -Address $Addresses
    }

    It 'puts row and job name in the exception message itself, and the job name in CategoryInfo' {
        $rows = @(
            [pscustomobject]@{ Name = 'good-row'; SourceAddress = 'src-a'; DestinationAddress = 'dst-a'; OverwriteMode = 'Never' }
            [pscustomobject]@{ Name = 'bad-row'; SourceAddress = 'src-b'; DestinationAddress = 'dst-b'; OverwriteMode = 'Sometimes' }
        )
        $null = $rows | New-MgwJob -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].Exception.Message | Should -BeLike "Row 2 'bad-row': OverwriteMode 'Sometimes' is not one of*"
        $err[0].Exception.Error.Message | Should -BeLike "OverwriteMode 'Sometimes' is not one of*"
        $err[0].CategoryInfo.TargetName | Should -Be 'bad-row'
        $err[0].CategoryInfo.ToString() | Should -BeLike 'InvalidArgument: (bad-row:*) `[New-MgwJob`], MgwException'
        "$($err[0])" | Should -BeLike "Row 2 'bad-row': *"
    }

    It 'names the job in the message of a service error about it' {
        $null = Get-MgwJob no-such-job -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -BeLike "Job 'no-such-job': *"
        $err[0].CategoryInfo.TargetName | Should -Be 'no-such-job'
    }

    It 'names the job in CategoryInfo of a typed spec, not its type' {
        $err = { New-MgwJob typed-bad -SourceAddress src-c -DestinationAddress dst-c -OverwriteMode Sometimes -ErrorAction Stop } | Should -Throw -PassThru
        $err.CategoryInfo.ToString() | Should -BeLike 'InvalidArgument: (typed-bad:MgwJobSpec)*'
        $err.Exception.Message | Should -BeLike "Row 1 'typed-bad': *"
    }

    It 'gives every public object of the module a ToString of its own' {
        $assemblies = [MgwTools.MgwJob].Assembly, [MgwTools.Commands.MgwServiceCmdlet].Assembly
        $types = $assemblies.GetExportedTypes() | Where-Object {
            $_.Namespace -eq 'MgwTools' -and $_.IsClass -and -not $_.IsAbstract -and -not $_.IsSubclassOf([Exception]) -and -not $_.IsSubclassOf([Attribute]) -and
            -not [System.Management.Automation.IModuleAssemblyInitializer].IsAssignableFrom($_) -and -not [System.Management.Automation.IModuleAssemblyCleanup].IsAssignableFrom($_)
        }
        $types | Should -Not -BeNullOrEmpty
        foreach ($t in $types) {
            $t.GetMethod('ToString', [type[]]@()).DeclaringType | Should -Be $t -Because "$($t.FullName) is shown to users"
        }
    }

    It 'says what a spec, an error and a page are in their text' {
        $spec = [MgwTools.MgwJobSpec]@{ Name = 'nightly-a'; SourceAddress = 'src-a'; DestinationAddress = 'dst-a'; OverwriteMode = 'Never' }
        "$spec" | Should -Be 'nightly-a: src-a -> dst-a, overwrite never, transfer all'
        $error1 = [MgwTools.MgwError]@{ Code = 'InvalidJobName'; Message = 'Bad name.'; Row = 3; JobName = 'x' }
        "$error1" | Should -Be "Row 3 'x': Bad name. [InvalidJobName]"
        $page = [MgwTools.MgwPage[string]]::new([string[]]@('a', 'b'), $true, 'b')
        "$page" | Should -Be "2 item(s), more after 'b'"
    }
}
