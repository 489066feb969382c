# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# -Region and -ProfileName on every cmdlet that talks to the service: a context for that one command, resolved exactly
# as Connect-Mgw resolves the same values, the session's context left as it was. Requests that would go to the public
# endpoint go to a local stand-in proxy instead (HTTPS_PROXY in a fresh pwsh), which only records where they were sent.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'SessionHelpers.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $Account = '1234567890123456'
    $ProfileSecret = New-TestSecret 'ProfileSecret'
    $ConfigJson = @"
{
  "current": "default",
  "profiles": [
    { "name": "default", "mode": "AK", "access_key_id": "LTAI5tProfileDefault1", "access_key_secret": "$ProfileSecret", "region_id": "cn-shanghai" },
    { "name": "prod", "mode": "AK", "access_key_id": "LTAI5tProfileProd0001", "access_key_secret": "$ProfileSecret", "region_id": "cn-beijing" },
    { "name": "intl", "mode": "AK", "access_key_id": "LTAI5tProfileIntl0001", "access_key_secret": "$ProfileSecret", "region_id": "us-east-1" }
  ]
}
"@
    Save-SessionEnvironment

    # As Reset-SessionEnvironment, with a HOME of its own for each test (no removal of the last one to wait for).
    function Reset-PerCallEnvironment {
        $script:TestHome = Join-Path $TestDrive ('home-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $script:TestHome | Out-Null
        foreach ($name in $script:SessionVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
        $env:HOME = $script:TestHome
        $env:USERPROFILE = $script:TestHome
        Disconnect-Mgw
        Set-AliyunConfig $ConfigJson | Out-Null
        $env:ALIBABA_CLOUD_ACCOUNT_ID = $Account
    }
    $ServiceCmdlets = @(Get-Command -Module MgwTools -CommandType Cmdlet | Where-Object { $_.ImplementingType.IsSubclassOf([MgwTools.Commands.MgwServiceCmdlet]) })
}

AfterAll {
    Restore-SessionEnvironment
}

Describe 'The per-call account parameters' {
    It 'are on every cmdlet that talks to the service, next to -Context' {
        $ServiceCmdlets.Count | Should -BeGreaterOrEqual 14
        foreach ($c in $ServiceCmdlets) {
            $c.Parameters.Keys | Should -Contain 'Region' -Because $c.Name
            $c.Parameters.Keys | Should -Contain 'ProfileName' -Because $c.Name
            $c.Parameters.Keys | Should -Contain 'Context' -Because $c.Name
        }
    }

    It 'are described on each cmdlet''s help page' {
        foreach ($c in $ServiceCmdlets) {
            $help = Get-Help $c.Name -Parameter Region, ProfileName
            foreach ($p in $help) { ($p.description | Out-String) | Should -Match 'Connect-Mgw' -Because "$($c.Name) -$($p.name)" }
        }
    }

    It 'complete profile names and regions' {
        Reset-PerCallEnvironment
        (Complete 'Get-MgwJob -ProfileName p').CompletionText | Should -Be 'prod'
        (Complete 'Remove-MgwJob -Region cn-sh').CompletionText | Should -Contain 'cn-shanghai'
    }
}

Describe 'Resolving -Region and -ProfileName' {
    BeforeEach {
        Reset-PerCallEnvironment
    }

    AfterEach {
        Stop-AllEmulators
        Disconnect-Mgw
    }

    It 'stops with Connect-Mgw''s error for a profile that does not exist, and leaves the session as it was' {
        $svc = Start-MgwEmulator -PassThru
        $before = Get-MgwContext
        $err = @({ Get-MgwJob -ProfileName nosuch } | Should -Throw -PassThru)
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike "*'nosuch'*"
        (Get-MgwContext).Endpoint | Should -Be $before.Endpoint
        (Get-MgwContext).AccessKeyId | Should -Be $before.AccessKeyId
        $svc.Connected | Should -BeTrue
    }

    It 'stops with Connect-Mgw''s error when no account ID can be found' {
        $env:ALIBABA_CLOUD_ACCOUNT_ID = $null
        $err = @({ Get-MgwJob -Region cn-hangzhou -ProfileName prod } | Should -Throw -PassThru)
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MissingAccountId,*'
        $err[0].Exception.Message | Should -BeLike 'No account ID was given.*'
    }

    It 'refuses -Context together with -Region or -ProfileName: ContextConflict, InvalidArgument' -TestCases @(
        @{ Extra = @{ Region = 'cn-shanghai' }; Field = 'Region' }
        @{ Extra = @{ ProfileName = 'prod' }; Field = 'ProfileName' }
    ) {
        param($Extra, $Field)
        $context = Start-MgwEmulator -PassThru | ForEach-Object { Get-MgwContext }
        $err = @({ Get-MgwJob -Context $context @Extra } | Should -Throw -PassThru)
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContextConflict,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Be ('-Context cannot be combined with -Region or -ProfileName: a context already names its account, region and ' +
            'credentials. Give -Context alone, or -Region and/or -ProfileName alone.')
        $err[0].Exception.Error.Field | Should -Be $Field
    }

    It 'gives Test-MgwJobSpec the limits of the -ProfileName account''s region without sending anything' {
        # 1.5 Gbit/s is within the highest limits but over us-east-1's, the region_id of the intl profile.
        $spec = @{ Name = 'limits-one'; SourceAddress = 'src-a'; DestinationAddress = 'dst-a'; OverwriteMode = 'Never'; MaxBandwidth = '1.5Gbps' }
        (Test-MgwJobSpec @spec).IsValid | Should -BeTrue
        $byProfile = Test-MgwJobSpec @spec -ProfileName intl
        $byProfile.IsValid | Should -BeFalse
        @($byProfile.Errors.Code) | Should -Be @((Test-MgwJobSpec @spec -Region us-east-1).Errors.Code)
        Get-MgwContext -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'A command with -Region and -ProfileName' {
    BeforeAll {
        # A stand-in proxy on loopback: it records each request line (CONNECT host:port for https) and refuses the tunnel.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $script:ProxyPort = $listener.LocalEndpoint.Port
        $script:ProxySeen = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
        $script:ProxyShell = [powershell]::Create()
        $null = $ProxyShell.AddScript({
            param($Listener, $Seen)
            while ($true) {
                try { $client = $Listener.AcceptTcpClient() } catch { return }
                try {
                    $stream = $client.GetStream()
                    $reader = [System.IO.StreamReader]::new($stream, [Text.Encoding]::ASCII, $false, 1024, $true)
                    while (($line = $reader.ReadLine())) { if ($line -match '^(CONNECT|GET|POST|PUT|DELETE) ') { $Seen.Enqueue($line) } }
                    $bytes = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 403 Forbidden`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
                    $stream.Write($bytes, 0, $bytes.Length)
                }
                catch { }
                finally { $client.Dispose() }
            }
        }).AddArgument($listener).AddArgument($ProxySeen)
        $script:ProxyRun = $ProxyShell.BeginInvoke()
        $script:Listener = $listener
    }

    AfterAll {
        $Listener.Stop()
        $ProxyShell.Stop()
        $ProxyShell.Dispose()
    }

    BeforeEach {
        Reset-PerCallEnvironment
    }

    It 'sends to the account and region resolved as Connect-Mgw resolves them, and the session keeps its context' {
        $script = @"
`$env:HTTPS_PROXY = 'http://127.0.0.1:$ProxyPort'; `$env:https_proxy = `$env:HTTPS_PROXY; `$env:NO_PROXY = ''; `$env:no_proxy = ''
`$null = Start-MgwEmulator
`$before = (Get-MgwContext).Endpoint
`$out = Get-MgwJob -Region cn-shanghai -ProfileName prod -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1
"verbose: " + (@(`$out | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] }) -join ' | ')
"error: " + `$err[0].Exception.Error.Code
"session: " + ((Get-MgwContext).Endpoint -eq `$before) + ' ' + (Get-MgwContext).Region
"@
        $lines = Invoke-FreshPwsh $script
        $text = $lines -join "`n"
        $text | Should -Match "verbose: .*This command uses account '$Account' in region 'cn-shanghai' at https://$Account\.cn-shanghai\.mgw\.aliyuncs\.com/ as \S+ \(Profile:prod\); the session's context is unchanged\."
        $text | Should -Match 'error: \S+'
        $text | Should -Match 'session: True '
        $text | Should -Not -Match ([regex]::Escape($ProfileSecret))
        @($ProxySeen) | Should -Contain "CONNECT $Account.cn-shanghai.mgw.aliyuncs.com:443 HTTP/1.1"
    }

    It 'takes the region of the profile when only -ProfileName is given (prod: cn-beijing)' {
        $script = @"
`$env:HTTPS_PROXY = 'http://127.0.0.1:$ProxyPort'; `$env:https_proxy = `$env:HTTPS_PROXY; `$env:NO_PROXY = ''; `$env:no_proxy = ''
`$null = Remove-MgwJob some-job -ProfileName prod -Confirm:`$false -ErrorAction SilentlyContinue
"@
        $null = Invoke-FreshPwsh $script
        @($ProxySeen) | Should -Contain "CONNECT $Account.cn-beijing.mgw.aliyuncs.com:443 HTTP/1.1"
    }
}
