# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Issue 12's walk-through on the local service, step by step in one session: a CSV of addresses of three kinds
# (one row bad) -> Get-MgwAddress -> Test-MgwAddress -> a tunnel, an agent and a NAS address on it -> a job CSV checked with
# Test-MgwJobSpec -Online -> created with New-MgwJob -> Remove-MgwAddress of an address in use is refused.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $script:Svc = Start-MgwEmulator -PassThru
    $script:Key = [pscredential]::new('AKIAIOSFODNN7EXAMPLE', (ConvertTo-SecureString ('walk' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force))
    $script:JobsCsv = Join-Path $TestDrive 'jobs.csv'
    @'
job-name,src-address,dest-address,overwrite-mode,transfer-mode,parent-job-name
share-to-archive,nas-home,oss-archive,never,all,
logs-to-archive,s3-logs,oss-archive,always,all,
images-copy,oss-images,oss-dest-adress,always,all,
share-to-archive,nas-home,oss-dest-address,never,all,
share-retry,nas-home,oss-archive,never,all,share-archive
'@ | Set-Content -Path $JobsCsv -Encoding utf8NoBOM
}

AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Addresses, end to end' {
    It '1. a CSV of addresses of three kinds: the good rows are created, the bad row''s errors name its row' {
        $created = Import-Csv (Join-Path $RepoRoot 'docs/examples/addresses.csv') |
            New-MgwAddress -Credential $Key -ErrorVariable refused -ErrorAction SilentlyContinue
        @($created.AddressType | Sort-Object -Unique) | Should -Be @('nas', 'oss', 's3')
        $created | Should -HaveCount 8
        @($refused.Exception.Error.Row | Select-Object -Unique) | Should -Be @(9)
        @($refused.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] }) | Should -Be @('InvalidAddressName', 'MissingValue', 'InvalidBucketName', 'InvalidPrefix')
    }

    It '2. Get-MgwAddress lists them' {
        @((Get-MgwAddress).Name) | Should -Be @('nas-src', 'oss-archive', 'oss-dest-address', 'oss-images', 'oss-media', 'oss-reports', 'oss-src-address', 's3-logs')
        (Get-MgwAddress s3-*).AccessKeyId | Should -Be 'AKIA*************PLE'
    }

    It '3. Test-MgwAddress verifies them: one fails with the code the service gives' {
        $Svc.SetVerifyResult('s3-logs', 'AccessDenied', 'The AccessKey cannot list bucket app-logs.')
        $verdicts = Get-MgwAddress | Test-MgwAddress
        @($verdicts | Where-Object { -not $_.IsAvailable }).Name | Should -Be 's3-logs'
        (Get-MgwAddress s3-logs).VerifyState | Should -Be 'Failed'
        Test-MgwAddress oss-archive -Quiet | Should -BeTrue
    }

    It '4. a tunnel, an agent on it, and a NAS address through that agent' {
        $tunnel = New-MgwTunnel -MaxBandwidth 100MB/s -MaxQps 500
        $tunnel.MaxBandwidth | Should -Be 100000000
        $agent = New-MgwAgent agent-hz-1 -TunnelId $tunnel.TunnelId -AgentEndpoint Vpc
        $agent.TunnelId | Should -Be $tunnel.TunnelId
        (Get-MgwAgent agent-hz-1 -Status).Status.Status | Should -Be 'OK'
        $nas = New-MgwAddress nas-home -Agent $agent.Name -Path /mnt/home/
        ($nas.Kind, $nas.Location) | Should -Be @('FileSystem', 'agent-hz-1:/mnt/home/')
        (Test-MgwAddress nas-home).IsAvailable | Should -BeTrue
        $null = New-MgwAgent agent-hz-2 -TunnelId $tunnel.TunnelId -AgentEndpoint Vpc
        (Set-MgwAddress nas-home -Agent agent-hz-1, agent-hz-2 -PassThru).Agents | Should -Be @('agent-hz-1', 'agent-hz-2')
        # What the NAS address stands on cannot be taken from under it.
        Assert-ErrorRecord (Get-SingleError { Remove-MgwAgent agent-hz-1 -Confirm:$false }) 'ImportAgentIsOccupied' 'Remove-MgwAgent' 'ResourceBusy' `
            "The import agent 'agent-hz-1' is occupied by import address '*'." 'agent-hz-1'
        Assert-ErrorRecord (Get-SingleError { $tunnel | Remove-MgwTunnel -Confirm:$false }) 'ImportTunnelIsOccupied' 'Remove-MgwTunnel' 'ResourceBusy' `
            "The import tunnel '$($tunnel.TunnelId)' is occupied by import agent 'agent-hz-*'." $tunnel
        @((Get-MgwTunnel $tunnel.TunnelId | Get-MgwAgent).Name) | Should -Be @('agent-hz-1', 'agent-hz-2')
    }

    It '5. the job CSV checked with Test-MgwJobSpec -Online: a missing address, a taken name and a missing parent' {
        $null = New-MgwJob share-to-archive -SourceAddress nas-home -DestinationAddress oss-archive -OverwriteMode Never -TransferMode All
        $results = Import-Csv $JobsCsv | Test-MgwJobSpec -Online
        $errors = @($results | ForEach-Object Errors)
        $f = $errors | ForEach-Object { '{0} {1} {2} {3}' -f $_.Row, $_.Code, $_.Field, $_.Value }
        $f | Should -Be @(
            '1 ImportJobAlreadyExist Name share-to-archive'
            '3 NoSuchImportAddress DestinationAddress oss-dest-adress'
            '4 DuplicateJobName Name share-to-archive'
            '5 NoSuchImportJobParent ParentJobName share-archive'
        )
        @($results.IsValid) | Should -Be @($false, $true, $false, $false, $false)
        (@($results[1].Warnings.Code)) | Should -Be @('AddressVerifyFailed')
        # With -SkipExisting the existing job's row passes; the other findings stay.
        (Import-Csv $JobsCsv | Test-MgwJobSpec -Online -SkipExisting -Quiet) | Should -Be @($true, $true, $false, $false, $false)
    }

    It '6. fixed, the CSV is created with New-MgwJob; a missing address on a create names its field' {
        # The typo fixed, the duplicate row dropped, the parent named right.
        $fixed = @(Import-Csv $JobsCsv | Where-Object 'dest-address' -NE 'oss-dest-address' | ForEach-Object {
                if ($_.'dest-address' -eq 'oss-dest-adress') { $_.'dest-address' = 'oss-dest-address' }
                if ($_.'parent-job-name' -eq 'share-archive') { $_.'parent-job-name' = 'share-to-archive' }
                $_
            })
        ($fixed | Test-MgwJobSpec -Online -SkipExisting -Quiet) | Should -Be @($true, $true, $true, $true)
        $jobs = $fixed | New-MgwJob -SkipExisting
        @($jobs | Sort-Object Row | ForEach-Object Name) | Should -Be @('share-to-archive', 'logs-to-archive', 'images-copy', 'share-retry')
        ($jobs | Where-Object Name -EQ share-retry).ParentName | Should -Be 'share-to-archive'

        $null = New-MgwJob lost-job -SourceAddress oss-media -DestinationAddress oss-lost -OverwriteMode Never -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'NoSuchImportAddress,MgwTools.Commands.NewMgwJobCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        ($err[0].Exception.Error.Field, $err[0].Exception.Error.Value) | Should -Be @('DestinationAddress', 'oss-lost')
        $err[0].Exception.Error.Message | Should -Be "The destination address 'oss-lost' (-DestinationAddress) does not exist: The import address 'oss-lost' does not exist."
    }

    It '7. Remove-MgwAddress of an address in use is refused with the service''s error; an unused one goes' {
        Remove-MgwAddress nas-home -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ImportAddressIsOccupied,MgwTools.Commands.RemoveMgwAddressCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $err[0].Exception.Error.Message | Should -BeLike "The import address 'nas-home' is used by import job '*'."
        Remove-MgwAddress oss-reports -Confirm:$false
        (Get-MgwAddress).Name | Should -Not -Contain 'oss-reports'
        (Get-MgwAddress).Name | Should -Contain 'nas-home'
    }
}
