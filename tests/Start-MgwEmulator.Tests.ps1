# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
}

Describe 'Start-MgwEmulator' {
    AfterEach { Stop-AllEmulators }

    It 'starts on a free port of 127.0.0.1 and returns endpoint, account, region and keys' {
        $svc = Start-MgwEmulator -PassThru
        $svc | Should -BeOfType ([MgwTools.MgwEmulatorInfo])
        $svc.Endpoint.Host | Should -Be '127.0.0.1'
        $svc.Endpoint.Scheme | Should -Be 'http'
        $svc.Port | Should -BeGreaterThan 0
        $svc.Endpoint.Port | Should -Be $svc.Port
        $svc.AccountId | Should -Be '1234567890123456'
        $svc.Region | Should -Be 'cn-hangzhou'
        $svc.AccessKeyId | Should -Match '^LTAI[A-Za-z0-9]{20}$'
        $svc.Credential | Should -BeOfType ([pscredential])
        $svc.Credential.UserName | Should -Be $svc.AccessKeyId
        $svc.Credential.GetNetworkCredential().Password.Length | Should -Be 30
        $svc.IsRunning | Should -BeTrue
        $svc.JobCount | Should -Be 0
    }

    It 'returns nothing without -PassThru' {
        Start-MgwEmulator | Should -BeNullOrEmpty
    }

    It 'creates the -Address names up front (seen by a signed GET)' {
        $svc = Start-MgwEmulator -Address 'examplesrc', 'exampledest' -PassThru
        $svc.Addresses | Should -Be @('exampledest', 'examplesrc')
        $r = Invoke-EmulatorRequest -Service $svc -Path '/address/examplesrc'
        $r.Status | Should -Be 200
        $r.Xml.ImportAddress.Name | Should -Be 'examplesrc'
        $r.Xml.ImportAddress.AddressDetail.AddressType | Should -Be 'oss'
        $list = Invoke-EmulatorRequest -Service $svc -Path '/addresslist'
        @($list.Xml.ImportAddressList.ImportAddress.Name) | Should -Be @('exampledest', 'examplesrc')
        (Invoke-EmulatorRequest -Service $svc -Path '/address/other').Code | Should -Be 'NoSuchImportAddress'
    }

    It 'serves CreateJob and GetJob with the service shapes' {
        $svc = Start-MgwEmulator -Address 'src', 'dest' -PassThru
        $body = '<ImportJob><Name>examplejob</Name><SrcAddress>src</SrcAddress><DestAddress>dest</DestAddress><OverwriteMode>always</OverwriteMode><TransferMode>all</TransferMode></ImportJob>'
        (Invoke-EmulatorRequest -Service $svc -Method POST -Path '/job' -Body $body).Status | Should -Be 200
        $job = (Invoke-EmulatorRequest -Service $svc -Path '/job/examplejob').Xml.ImportJob
        $job.Status | Should -Be 'IMPORT_JOB_BEGIN'
        $job.Version | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        $job.Owner | Should -Be $svc.AccountId
        $svc.JobCount | Should -Be 1
        (Invoke-EmulatorRequest -Service $svc -Method POST -Path '/job' -Body $body).Code | Should -Be 'ImportJobAlreadyExist'
    }

    It 'honours -AccountId and -Region in the Host check and the signature' {
        $svc = Start-MgwEmulator -AccountId '1111222233334444' -Region 'ap-southeast-1' -PassThru
        $svc.AccountId | Should -Be '1111222233334444'
        $svc.Region | Should -Be 'ap-southeast-1'
        (Invoke-EmulatorRequest -Service $svc -Path '/joblist' -HostHeader '1111222233334444.ap-southeast-1.mgw.aliyuncs.com').Status | Should -Be 200
        $other = Invoke-EmulatorRequest -Service $svc -Path '/joblist' -HostHeader '9999222233334444.ap-southeast-1.mgw.aliyuncs.com'
        $other.Status | Should -Be 403
        $other.Code | Should -Be 'AccessDenied'
    }

    It 'connects the session to itself' {
        $svc = Start-MgwEmulator -PassThru
        $svc.Connected | Should -BeTrue
        $context = [MgwTools.MgwSession]::Get()
        $context.Endpoint | Should -Be $svc.Endpoint
        $context.AccountId | Should -Be $svc.AccountId
        $context.Region | Should -Be $svc.Region
        $context.CredentialSource | Should -Be 'Emulator'
    }

    It 'leaves the session alone with -NoConnect' {
        $first = Start-MgwEmulator -PassThru
        $second = Start-MgwEmulator -NoConnect -PassThru
        $second.Connected | Should -BeFalse
        $first.Connected | Should -BeTrue
        [MgwTools.MgwSession]::Get().Endpoint | Should -Be $first.Endpoint
    }

    It 'never shows the secret in output, JSON or verbose lines' {
        $svc = Start-MgwEmulator -PassThru -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [MgwTools.MgwEmulatorInfo] }
        $secret = $svc.Credential.GetNetworkCredential().Password
        $text = ($all | Out-String -Width 400) + ($svc | Format-List * | Out-String -Width 400) + ($svc | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue) + "$svc" + "$([MgwTools.MgwSession]::Get())"
        $text | Should -Not -BeLike "*$secret*"
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
    }

    It 'injects the same faults for the same seed' {
        $runs = foreach ($i in 1, 2) {
            $svc = Start-MgwEmulator -FaultRate 0.5 -Fault ServerError, RetryAfter -Seed 7 -NoConnect -PassThru
            (1..16 | ForEach-Object { (Invoke-EmulatorRequest -Service $svc -Path '/joblist').Status }) -join ','
            $svc | Stop-MgwEmulator
        }
        $runs[0] | Should -Be $runs[1]
        $runs[0] | Should -Match '500'
        $runs[0] | Should -Match '503'
        $runs[0] | Should -Match '200'
    }

    It 'takes an unquoted -Latency 3s as three seconds (PowerShell reads it as the Int16 3)' {
        $svc = Start-MgwEmulator -Latency 3s -Seed 1 -NoConnect -PassThru
        $svc.Faults | Should -BeLike '*latency 3000 ms*'
    }

    It 'takes -Latency as milliseconds, text or a TimeSpan' -TestCases @(
        @{ Latency = 20; Text = 'latency 20 ms' }
        @{ Latency = '250ms'; Text = 'latency 250 ms' }
        @{ Latency = '1.5s'; Text = 'latency 1500 ms' }
        @{ Latency = [timespan]::FromMilliseconds(40); Text = 'latency 40 ms' }
    ) {
        $svc = Start-MgwEmulator -Latency $Latency -Seed 1 -NoConnect -PassThru
        $svc.Faults | Should -BeLike "*$Text*"
        $svc.Seed | Should -Be 1
    }

    It 'rejects a latency that is not a duration' {
        { Start-MgwEmulator -Latency 'soon' } | Should -Throw -ExpectedMessage "*'soon' is not a duration*"
    }

    It 'starts nothing with -WhatIf' {
        $before = [MgwTools.MgwSession]::Get()
        Start-MgwEmulator -PassThru -WhatIf | Should -BeNullOrEmpty
        [MgwTools.MgwSession]::Get() | Should -Be $before
    }

    It 'fails clearly when the port is in use' {
        $svc = Start-MgwEmulator -NoConnect -PassThru
        $err = $null
        try { Start-MgwEmulator -Port $svc.Port -NoConnect } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'EmulatorPortInUse,MgwTools.Commands.StartMgwEmulatorCommand'
        $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $err.Exception.Message | Should -Be "Port $($svc.Port) on 127.0.0.1 is already in use. Choose another port, or 0 for any free port."
        $err.Exception | Should -BeOfType ([MgwTools.MgwException])
        $err.TargetObject | Should -Be $svc.Port
    }

    It 'refuses an address name the service would refuse, and stops what it started' {
        $err = $null
        try { Start-MgwEmulator -Address 'good-name', 'Bad Name' -NoConnect } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidArgument,MgwTools.Commands.StartMgwEmulatorCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "The address name 'Bad Name' is invalid*"
        $err.TargetObject | Should -Be 'Bad Name'
        { Stop-MgwEmulator -ErrorAction Stop } | Should -Throw -ErrorId 'EmulatorNotRunning,MgwTools.Commands.StopMgwEmulatorCommand'
    }

    It 'completes the -Fault kinds' {
        (Complete 'Start-MgwEmulator -Fault Commit').CompletionText | Should -Be 'CommitThenDrop'
    }

    Context 'the job lifecycle on a manual clock' {
        BeforeAll {
            # A job row with the mgwutil headers New-MgwJob takes.
            function New-Row([string] $Name, [string] $Src = 'src-a', [string] $Dest = 'dest-a', [hashtable] $More = @{}) {
                $row = [ordered]@{ 'job-name' = $Name; 'src-address' = $Src; 'dest-address' = $Dest; 'overwrite-mode' = 'always'; 'transfer-mode' = 'all' }
                foreach ($k in $More.Keys) { $row[$k] = $More[$k] }
                [pscustomobject]$row
            }
            function Get-EmuJob($Service, [string] $Name) { $Service.GetJobs() | Where-Object Name -EQ $Name }
            function Get-RunResult($Service, [string] $Name, [int] $RuntimeId = 1) {
                (Invoke-EmulatorRequest -Service $Service -Path "/job/$Name" -Query @{ jobResult = ''; runtimeId = "$RuntimeId" }).Xml.ImportJobResult
            }
        }

        It 'runs a job started by New-MgwJob -Start through its states as AdvanceClock moves the clock' {
            $emu = Start-MgwEmulator -Clock Manual -Address 'src-a', 'dest-a' -PassThru
            $emu.Clock.Mode | Should -Be 'Manual'
            $t0 = $emu.Clock.UtcNow
            $job = New-Row 'clocked-job' | New-MgwJob -Start
            $job.Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            $emu.Clock.UtcNow | Should -Be $t0 -Because 'a manual clock stands still between moves'
            $emu.AdvanceClock('00:00:05') | Should -Be $t0.AddSeconds(5)
            (Get-EmuJob $emu 'clocked-job').Status | Should -Be 'IMPORT_JOB_PREPARING'
            $null = $emu.AdvanceClock([timespan]::FromSeconds(10))
            (Get-EmuJob $emu 'clocked-job').Status | Should -Be 'IMPORT_JOB_DOING'
            $null = $emu.AdvanceClock('00:01:00')
            (Get-EmuJob $emu 'clocked-job').Status | Should -Be 'IMPORT_JOB_FINISHED'
            # The module's own requests, signed with the real time, are still accepted after the clock moved.
            $again = New-Row 'clocked-job' | New-MgwJob -SkipExisting
            $again.Status | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-RunResult $emu 'clocked-job').ReadyRetry | Should -Be 'NoNeed'
        }

        It 'starts scheduled runs when the clock jumps a day, up to MaxScheduleCount' {
            $emu = Start-MgwEmulator -Clock Manual -Address 'src-a', 'dest-a' -PassThru
            $null = New-Row 'hourly-job' -More @{ 'start-cron-expression' = '0 0 * * * *'; 'max-schedule-count' = 3 } | New-MgwJob
            (Get-EmuJob $emu 'hourly-job').Runs | Should -Be 0
            $null = $emu.AdvanceClock('1.00:00:00')
            $scheduled = Get-EmuJob $emu 'hourly-job'
            $scheduled.Runs | Should -Be 3
            $scheduled.Status | Should -Be 'IMPORT_JOB_FINISHED'
            $history = (Invoke-EmulatorRequest -Service $emu -Path '/jobhistory/hourly-job').Xml.JobHistoryList.JobHistory
            @($history | Where-Object Status -EQ 'IMPORT_JOB_LAUNCHING' | ForEach-Object Operator) | Should -Be @('system', 'system', 'system')
        }

        It 'fails the -FailureRate share of files and offers the failed list for a retry job' {
            $emu = Start-MgwEmulator -Clock Manual -Address 'src-a', 'dest-a' -FailureRate 0.2 -Seed 11 -PassThru
            $emu.FailureRate | Should -Be 0.2
            $job = New-Row 'lossy-job' | New-MgwJob -Start
            (Get-RunResult $emu 'lossy-job').ReadyRetry | Should -Be 'NotReady'
            $null = $emu.AdvanceClock('00:02:00')
            $result = Get-RunResult $emu 'lossy-job'
            $result.ReadyRetry | Should -Be 'Ready'
            [long]$result.FailedObjectCount | Should -Be ([math]::Round([long]$result.TotalObjectCount * 0.2, [MidpointRounding]::AwayFromZero))
            $result.AddressType | Should -Be 'ossinv'
            $result.InvPath | Should -Be "lossy-job/$($job.Version)/1/manifest.json"

            # A retry job: an ossinv address naming the list, a child of the job; it moves exactly the failed files.
            $address = "<ImportAddress><Name>lossy-retry</Name><AddressDetail><AddressType>ossinv</AddressType><InvBucket>$($result.InvBucket)</InvBucket>" +
                "<InvPath>$($result.InvPath)</InvPath><InvLocation>oss</InvLocation><InvDomain>$($result.InvDomain)</InvDomain></AddressDetail></ImportAddress>"
            (Invoke-EmulatorRequest -Service $emu -Method POST -Path '/address' -Body $address).Status | Should -Be 200
            $retry = New-Row 'lossy-job-retry' 'lossy-retry' 'dest-a' @{ 'parent-version' = $job.Version } | New-MgwJob -Start
            $retry.ParentVersion | Should -Be $job.Version
            $null = $emu.AdvanceClock('00:02:00')
            $retried = Get-RunResult $emu 'lossy-job-retry'
            $retried.TotalObjectCount | Should -Be $result.FailedObjectCount
            $retried.FailedObjectCount | Should -Be '0'
            $retried.ReadyRetry | Should -Be 'NoNeed'
        }

        It 'draws the same run figures from the same -Seed' {
            $totals = foreach ($seed in 21, 21, 22) {
                $emu = Start-MgwEmulator -Clock Manual -Address 'src-a', 'dest-a' -Seed $seed -NoConnect -PassThru
                Connect-Mgw -AccountId $emu.AccountId -Region $emu.Region -Endpoint $emu.Endpoint -Credential $emu.Credential
                $null = New-Row 'seeded-job' | New-MgwJob -Start
                $null = $emu.AdvanceClock('00:02:00')
                (Get-RunResult $emu 'seeded-job').TotalObjectSize
                $emu | Stop-MgwEmulator
            }
            $totals[0] | Should -Be $totals[1]
            $totals[0] | Should -Not -Be $totals[2]
        }

        It 'pages ListJob by -MaxPageSize' {
            $emu = Start-MgwEmulator -Address 'src-1', 'src-2', 'src-3', 'src-4', 'src-5', 'dest-a' -MaxPageSize 2 -PassThru
            $emu.MaxPageSize | Should -Be 2
            $null = 1..5 | ForEach-Object { New-Row "paged-job-$_" "src-$_" } | New-MgwJob
            $page = (Invoke-EmulatorRequest -Service $emu -Path '/joblist' -Query @{ count = '100' }).Xml.ImportJobList
            @($page.ImportJob).Count | Should -Be 2
            $page.Truncated | Should -Be 'true'
            $page.NextMarker | Should -Be 'paged-job-2'
        }

        It 'moves the clock only when it is manual, and only forward' {
            $real = Start-MgwEmulator -NoConnect -PassThru
            $real.Clock.Mode | Should -Be 'System'
            $err = { $real.AdvanceClock('01:00:00') } | Should -Throw -PassThru
            $err.Exception.InnerException | Should -BeOfType ([InvalidOperationException])
            $err.Exception.InnerException.Message | Should -Be ("This local service's clock follows real time; moving it would make every signed request fail with RequestTimeTooSkewed. " +
                'Start the service with -Clock Manual to move its clock with AdvanceClock().')
            $manual = Start-MgwEmulator -Clock Manual -NoConnect -PassThru
            $back = { $manual.AdvanceClock('-00:00:01') } | Should -Throw -PassThru
            $back.Exception.InnerException | Should -BeOfType ([ArgumentOutOfRangeException])
            $back.Exception.InnerException.Message | Should -BeLike "The clock only moves forward; give a positive time span such as '01:00:00'.*"
        }

        It 'rejects <Parameter> <Value>' -TestCases @(
            @{ Parameter = 'FailureRate'; Value = 1.5; Message = '*1.5*greater than the maximum allowed range of 1*' }
            @{ Parameter = 'MaxPageSize'; Value = 0; Message = '*0*less than the minimum allowed range of 1*' }
            @{ Parameter = 'MaxPageSize'; Value = 1001; Message = '*1001*greater than the maximum allowed range of 1000*' }
            @{ Parameter = 'Clock'; Value = 'Sometimes'; Message = '*Sometimes*System, Manual*' }
        ) {
            $p = @{ $Parameter = $Value; NoConnect = $true }
            $err = { Start-MgwEmulator @p } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike "*,MgwTools.Commands.StartMgwEmulatorCommand"
            $err.Exception.Message | Should -BeLike $Message
        }

        It 'completes the -Clock modes' {
            (Complete 'Start-MgwEmulator -Clock Man').CompletionText | Should -Be 'Manual'
        }
    }
}
