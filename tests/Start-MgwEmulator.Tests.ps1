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
}
