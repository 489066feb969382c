# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'SessionHelpers.ps1')
    Save-SessionEnvironment

    $Account = '1234567890123456'
    $KeyId = 'LTAI5tPesterKey000001'
    $Masked = 'LTAI**************001'
    $Secret = New-TestSecret 'Sec'
    $Token = New-TestSecret 'Tok'
    $ProfileSecret = New-TestSecret 'Prof'
    $IniSecret = New-TestSecret 'Ini'
    $Cmd = 'MgwTools.Commands.ConnectMgwCommand'

    $ConfigJson = @"
{
  "current": "default",
  "profiles": [
    { "name": "default", "mode": "AK", "access_key_id": "LTAI5tProfileDefault1", "access_key_secret": "$ProfileSecret", "region_id": "cn-shanghai" },
    { "name": "prod", "mode": "AK", "access_key_id": "LTAI5tProfileProd0001", "access_key_secret": "$ProfileSecret", "region_id": "cn-beijing" },
    { "name": "temp", "mode": "StsToken", "access_key_id": "STS.PesterTemp000001", "access_key_secret": "$ProfileSecret", "sts_token": "$Token" },
    { "name": "role", "mode": "RamRoleArn", "access_key_id": "LTAI5tProfileRole0001", "access_key_secret": "$ProfileSecret", "ram_role_arn": "acs:ram::1:role/x" },
    { "name": "blank", "mode": "AK", "access_key_id": "", "access_key_secret": "" },
    { "name": "my team", "mode": "AK", "access_key_id": "LTAI5tProfileTeam0001", "access_key_secret": "$ProfileSecret" }
  ]
}
"@
    $Ini = @"
[default]
type = access_key
access_key_id = LTAI5tIniDefault00001
access_key_secret = $IniSecret

[ecs]
type = ecs_ram_role
role_name = EcsRole
"@
}

AfterAll { Restore-SessionEnvironment }

Describe 'Connect-Mgw' {
    BeforeEach { Reset-SessionEnvironment }

    Context 'parameter set AccessKey' {
        It 'stores a context with the public endpoint and a masked AccessKey ID' {
            $result = Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId $KeyId -AccessKeySecret (New-Secure $Secret)

            $result | Should -BeNullOrEmpty
            $context = Get-MgwContext
            $context | Should -BeOfType MgwTools.MgwContext
            $context.AccountId | Should -Be $Account
            $context.Region | Should -Be 'cn-hangzhou'
            $context.Endpoint | Should -Be ([uri]'https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com')
            $context.AccessKeyId | Should -Be $Masked
            $context.CredentialSource | Should -Be 'Explicit'
            $context.ScheduleTimeZone | Should -Be 'UTC'
            (Get-ContextCredentials $context).Secret | Should -Be $Secret
            (Get-ContextCredentials $context).SecurityToken | Should -BeNullOrEmpty
        }

        It 'carries -SecurityToken, and -PassThru returns the context' {
            $context = Connect-Mgw $Account cn-beijing -AccessKeyId $KeyId -AccessKeySecret (New-Secure $Secret) -SecurityToken (New-Secure $Token) -PassThru

            $context.Region | Should -Be 'cn-beijing'
            (Get-ContextCredentials $context).SecurityToken | Should -Be $Token
            Get-MgwContext | Should -Be $context
        }

        It 'uses the parameter set <Expected> for <Scenario>' -TestCases @(
            @{ Scenario = 'no credential parameter'; Parameters = @{}; Expected = 'Chain' }
            @{ Scenario = '-Credential'; Parameters = @{ Credential = [pscredential]::new('x', (ConvertTo-SecureString 'y' -AsPlainText -Force)) }; Expected = 'Credential' }
            @{ Scenario = '-AccessKeyId'; Parameters = @{ AccessKeyId = 'x'; AccessKeySecret = (ConvertTo-SecureString 'y' -AsPlainText -Force) }; Expected = 'AccessKey' }
            @{ Scenario = '-ProfileName'; Parameters = @{ ProfileName = 'x' }; Expected = 'Profile' }
        ) {
            $command = Get-Command Connect-Mgw
            $command.DefaultParameterSet | Should -Be 'Chain'
            $names = $Parameters.Keys
            $sets = $command.ParameterSets | Where-Object { $set = $_; -not ($names | Where-Object { $_ -notin $set.Parameters.Name }) }
            ($sets | Where-Object { $_.Name -eq $Expected }) | Should -Not -BeNullOrEmpty
        }
    }

    Context 'parameter set Credential' {
        It 'takes the user name as AccessKey ID and the password as secret' {
            $credential = [pscredential]::new($KeyId, (New-Secure $Secret))

            $context = Connect-Mgw -AccountId $Account -Region us-east-1 -Credential $credential -PassThru

            $context.AccessKeyId | Should -Be $Masked
            $context.CredentialSource | Should -Be 'Explicit'
            (Get-ContextCredentials $context).Secret | Should -Be $Secret
        }

        It 'refuses a credential without a password' {
            $credential = [pscredential]::new($KeyId, [securestring]::new())

            $err = { Connect-Mgw -AccountId $Account -Region us-east-1 -Credential $credential } | Should -Throw -PassThru

            $err.FullyQualifiedErrorId | Should -Be "MissingValue,$Cmd"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Be 'The credential needs a user name and a password: the user name is the AccessKey ID and the password is the AccessKey secret.'
        }
    }

    Context 'parameter set Profile' {
        It 'uses the named profile and its region_id, ignoring the environment' {
            Set-AliyunConfig $ConfigJson
            $env:ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI5tEnvironment0001'
            $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret

            $context = Connect-Mgw -AccountId $Account -ProfileName prod -PassThru

            $context.CredentialSource | Should -Be 'Profile:prod'
            $context.Region | Should -Be 'cn-beijing'
            (Get-ContextCredentials $context).AccessKeyId | Should -Be 'LTAI5tProfileProd0001'
        }

        It 'carries the sts_token of a StsToken profile' {
            Set-AliyunConfig $ConfigJson

            $context = Connect-Mgw -AccountId $Account -Region cn-hangzhou -ProfileName temp -PassThru

            (Get-ContextCredentials $context).SecurityToken | Should -Be $Token
        }

        It 'completes the profile names of config.json, quoting one with a space' {
            Set-AliyunConfig $ConfigJson

            (Get-Completion 'Connect-Mgw -ProfileName ').CompletionText |
                Should -Be @('default', 'prod', 'temp', 'role', 'blank', "'my team'")
            (Get-Completion 'Connect-Mgw -ProfileName p').CompletionText | Should -Be 'prod'
            (Get-Completion 'Connect-Mgw -ProfileName my').CompletionText | Should -Be "'my team'"
        }

        It 'leaves out of completion a profile name with a control character or of 129 characters' {
            Set-AliyunConfig (@{ current = 'ok'; profiles = @(
                        @{ name = 'ok'; mode = 'AK'; access_key_id = 'LTAI5tProfileOk000001'; access_key_secret = $ProfileSecret }
                        @{ name = "o$([char]27)[2Jevil"; mode = 'AK'; access_key_id = 'LTAI5tProfileEvil0001'; access_key_secret = $ProfileSecret }
                        @{ name = 'o' * 129; mode = 'AK'; access_key_id = 'LTAI5tProfileLong0001'; access_key_secret = $ProfileSecret }
                    ) } | ConvertTo-Json -Depth 3) | Out-Null

            (Get-Completion 'Connect-Mgw -ProfileName o').CompletionText | Should -Be @('ok')
        }

        It 'completes nothing (and does not fail) without config.json' {
            Get-Completion 'Connect-Mgw -ProfileName ' | Should -BeNullOrEmpty
        }
    }

    Context 'parameter set Chain (no credential parameter)' {
        It 'takes the environment first, with account and region from it too' {
            Set-AliyunConfig $ConfigJson
            Set-CredentialsIni $Ini
            $env:ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI5tEnvironment0001'
            $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret
            $env:ALIBABA_CLOUD_SECURITY_TOKEN = $Token
            $env:ALIBABA_CLOUD_ACCOUNT_ID = '1111222233334444'
            $env:ALIBABA_CLOUD_REGION_ID = 'ap-northeast-1'

            $context = Connect-Mgw -PassThru

            $context.CredentialSource | Should -Be 'Environment'
            $context.AccountId | Should -Be '1111222233334444'
            $context.Region | Should -Be 'ap-northeast-1'
            (Get-ContextCredentials $context).SecurityToken | Should -Be $Token
        }

        It "then config.json's current profile, then ALIBABA_CLOUD_PROFILE's" {
            Set-AliyunConfig $ConfigJson
            Set-CredentialsIni $Ini

            (Connect-Mgw -AccountId $Account -PassThru).CredentialSource | Should -Be 'Profile:default'
            $env:ALIBABA_CLOUD_PROFILE = 'prod'
            (Connect-Mgw -AccountId $Account -PassThru).CredentialSource | Should -Be 'Profile:prod'
        }

        It 'then credentials.ini (also at ALIBABA_CLOUD_CREDENTIALS_FILE)' {
            Set-CredentialsIni $Ini
            (Connect-Mgw -AccountId $Account -Region cn-hangzhou -PassThru).CredentialSource | Should -Be 'CredentialsFile:default'

            Reset-SessionEnvironment
            $env:ALIBABA_CLOUD_CREDENTIALS_FILE = Set-CredentialsIni $Ini -Path (Join-Path $TestHome 'other/creds.ini')
            $context = Connect-Mgw -AccountId $Account -Region cn-hangzhou -PassThru
            (Get-ContextCredentials $context).Secret | Should -Be $IniSecret
        }

        It 'skips config.json when ALIBABA_CLOUD_CLI_PROFILE_DISABLED is set, and says so in verbose output' {
            Set-AliyunConfig $ConfigJson
            Set-CredentialsIni $Ini
            $env:ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true'

            $verbose = Connect-Mgw -AccountId $Account -Region cn-hangzhou -Verbose 4>&1

            (Get-MgwContext).CredentialSource | Should -Be 'CredentialsFile:default'
            $verbose.Message | Should -Contain 'aliyun CLI profiles: skipped (ALIBABA_CLOUD_CLI_PROFILE_DISABLED is set).'
            $verbose.Message | Should -Contain 'Connected: account ''1234567890123456'', region ''cn-hangzhou'', endpoint ''https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com/'', AccessKey LTAI**************001 from CredentialsFile:default, schedule time zone ''UTC''. No request was sent.'
        }
    }

    Context 'region, endpoint, time zone' {
        BeforeEach {
            $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId
            $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret
        }

        It 'completes the regions: <Typed>' -TestCases @(
            @{ Typed = 'cn-'; Expected = @('cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-wulanchabu', 'cn-shenzhen', 'cn-hongkong', 'cn-chengdu') }
            @{ Typed = 'eu'; Expected = @('eu-central-1') }
            @{ Typed = 'us'; Expected = @('us-east-1', 'us-west-1') }
            @{ Typed = ''; Expected = @('cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-wulanchabu', 'cn-shenzhen', 'cn-hongkong', 'ap-northeast-1', 'ap-southeast-1', 'eu-central-1', 'us-east-1', 'cn-chengdu', 'us-west-1') }
        ) {
            $found = Get-Completion "Connect-Mgw -Region $Typed"
            $found.CompletionText | Should -Be $Expected
        }

        It 'shows the region name as the completion tooltip' {
            (Get-Completion 'Connect-Mgw -Region ap-s').ToolTip | Should -Be 'ap-southeast-1: Singapore'
            (Get-Completion 'Connect-Mgw -Region us-w').ToolTip | Should -Be 'us-west-1: US (Silicon Valley)'
        }

        It 'knows us-west-1: no warning, its public endpoint' {
            $context = Connect-Mgw -AccountId $Account -Region us-west-1 -PassThru -WarningVariable warnings -WarningAction SilentlyContinue

            $warnings | Should -HaveCount 0
            $context.Endpoint | Should -Be ([uri]'https://1234567890123456.us-west-1.mgw.aliyuncs.com')
        }

        It 'completes -ScheduleTimeZone as ConvertTo-MgwCron -TimeZone does' {
            foreach ($typed in 'Europe/Ber', 'UT', 'Asia/Sh') {
                $connect = (Get-Completion "Connect-Mgw -ScheduleTimeZone $typed").CompletionText
                $connect | Should -Not -BeNullOrEmpty
                $connect | Should -Be (Get-Completion "ConvertTo-MgwCron -Daily -At 02:00 -TimeZone $typed").CompletionText
            }
            (Get-Completion 'Connect-Mgw -ScheduleTimeZone Europe/Ber').CompletionText | Should -Contain 'Europe/Berlin'
        }

        It 'keeps the port and an IPv6 zone index of -Endpoint: <Endpoint>' -TestCases @(
            @{ Endpoint = 'https://cn-hangzhou.mgw.aliyuncs.com:8443'; Expected = 'https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com:8443/'; HostName = '1234567890123456.cn-hangzhou.mgw.aliyuncs.com' }
            @{ Endpoint = 'http://[::1]:5000'; Expected = 'http://[::1]:5000/'; HostName = '::1' }
            @{ Endpoint = 'https://[fe80::1%25eth0]:8443'; Expected = 'https://[fe80::1]:8443/'; HostName = 'fe80::1%25eth0' }
        ) {
            $context = Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint $Endpoint -PassThru

            $context.Endpoint.AbsoluteUri | Should -Be $Expected
            $context.Endpoint.DnsSafeHost | Should -Be $HostName
        }

        It 'accepts an unknown region with a warning' {
            $context = Connect-Mgw -AccountId $Account -Region cn-guangzhou -PassThru -WarningVariable warnings -WarningAction SilentlyContinue

            $context.Region | Should -Be 'cn-guangzhou'
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeLike "Region 'cn-guangzhou' is not one of the regions Data Online Migration is known to serve (cn-hangzhou, *); connecting anyway."
        }

        It 'accepts plain http to loopback: <Endpoint>' -TestCases @(
            @{ Endpoint = 'http://127.0.0.1:8080' }
            @{ Endpoint = 'http://127.1.2.3:9' }
            @{ Endpoint = 'http://localhost:5000' }
            @{ Endpoint = 'http://[::1]:5000' }
        ) {
            $context = Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint $Endpoint -PassThru

            $context.Endpoint.Authority | Should -Be ([uri]$Endpoint).Authority
        }

        It 'puts the account in front of a service host without it' {
            $context = Connect-Mgw -AccountId $Account -Endpoint https://cn-shanghai.mgw-internal.aliyuncs.com -PassThru

            $context.Endpoint | Should -Be ([uri]'https://1234567890123456.cn-shanghai.mgw-internal.aliyuncs.com')
            $context.Region | Should -Be 'cn-shanghai'
        }

        It 'keeps a Windows or IANA schedule time zone: <Zone>' -TestCases @(
            @{ Zone = 'Asia/Shanghai' }
            @{ Zone = 'China Standard Time' }
        ) {
            (Connect-Mgw -AccountId $Account -Region cn-hangzhou -ScheduleTimeZone $Zone -PassThru).ScheduleTimeZone | Should -Be $Zone
        }

        It 'changes nothing under -WhatIf' {
            Connect-Mgw -AccountId $Account -Region cn-hangzhou -WhatIf | Should -BeNullOrEmpty

            Get-MgwContext -ErrorAction Ignore | Should -BeNullOrEmpty
        }

        It 'replaces the previous context' {
            Connect-Mgw -AccountId $Account -Region cn-hangzhou
            Connect-Mgw -AccountId $Account -Region cn-beijing

            (Get-MgwContext).Region | Should -Be 'cn-beijing'
        }
    }

    Context 'errors' {
        It '<Scenario> is <Code> (<Category>)' -TestCases @(
            @{ Scenario = 'nothing anywhere'; Code = 'NoCredentials'; Category = 'AuthenticationError'
                Setup = {}; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = "No Alibaba Cloud credentials were found. Tried, in order: Parameters: none given. Environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set. aliyun CLI profiles: '*config.json' does not exist. Credentials file: '*credentials.ini' does not exist. Give -Credential, or -AccessKeyId with -AccessKeySecret; or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; or configure a profile with 'aliyun configure'." }
            @{ Scenario = 'a RamRoleArn profile by name'; Code = 'UnsupportedProfileMode'; Category = 'NotImplemented'
                Setup = { Set-AliyunConfig $ConfigJson }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ProfileName role }
                Message = "Profile 'role' in '*config.json' uses mode 'RamRoleArn', which MgwTools does not support. Supported modes are AK and StsToken. Use an AK or StsToken profile (-ProfileName), environment variables, or -Credential." }
            @{ Scenario = 'a RamRoleArn current profile'; Code = 'UnsupportedProfileMode'; Category = 'NotImplemented'
                Setup = { Set-AliyunConfig ($ConfigJson -replace '"current": "default"', '"current": "role"'); Set-CredentialsIni $Ini }
                Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = "Profile 'role' in '*' uses mode 'RamRoleArn'*" }
            @{ Scenario = 'an ecs_ram_role ini section'; Code = 'UnsupportedProfileMode'; Category = 'NotImplemented'
                Setup = { Set-CredentialsIni $Ini; $env:ALIBABA_CLOUD_PROFILE = 'ecs' }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = "Section ``[ecs``] of the credentials file '*credentials.ini' has type 'ecs_ram_role', which MgwTools does not support. Supported type is access_key.*" }
            @{ Scenario = 'a profile that is not there'; Code = 'ProfileNotFound'; Category = 'ObjectNotFound'
                Setup = { Set-AliyunConfig $ConfigJson }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ProfileName staging }
                Message = "There is no profile 'staging' in '*config.json'. Profiles there: 'default', 'prod', 'temp', 'role', 'blank', 'my team'." }
            @{ Scenario = 'a profile without keys'; Code = 'IncompleteProfile'; Category = 'AuthenticationError'
                Setup = { Set-AliyunConfig $ConfigJson }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ProfileName blank }
                Message = "Profile 'blank' in '*config.json' lacks a key (mode AK needs access_key_id and access_key_secret). Complete it with 'aliyun configure --profile blank'." }
            @{ Scenario = 'a config.json that is not JSON'; Code = 'InvalidCredentialsFile'; Category = 'InvalidData'
                Setup = { Set-AliyunConfig '{ "profiles": [ ' }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = "The aliyun CLI profile file '*config.json' cannot be used: it is not valid JSON (line *). Fix or remove it, or set ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true to skip it." }
            @{ Scenario = 'no account'; Code = 'MissingAccountId'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -Region cn-hangzhou }
                Message = 'No account ID was given. Give -AccountId (the numeric ID of the Alibaba Cloud main account, e.g. 1234567890123456) or set ALIBABA_CLOUD_ACCOUNT_ID.' }
            @{ Scenario = 'a non-numeric account'; Code = 'InvalidAccountId'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId 'my-account' -Region cn-hangzhou }
                Message = "'my-account' is not an Alibaba Cloud account ID: it is the numeric UID of the main account (digits only, at most 32), e.g. 1234567890123456." }
            @{ Scenario = 'no region'; Code = 'MissingRegion'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account }
                Message = 'No region was given. Give -Region (e.g. cn-hangzhou), set ALIBABA_CLOUD_REGION_ID, or use a profile with a region_id.' }
            @{ Scenario = 'a region with a space'; Code = 'InvalidRegion'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region 'cn hangzhou' }
                Message = "'cn hangzhou' is not a region id: use lower-case letters, digits and hyphens, at most 32 characters, e.g. cn-hangzhou." }
            @{ Scenario = 'a 64-character region (once a UriFormatException)'; Code = 'InvalidRegion'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region ('a' * 64) }
                Message = "'$('a' * 64)' is not a region id: use lower-case letters, digits and hyphens, at most 32 characters, e.g. cn-hangzhou." }
            @{ Scenario = 'an overlong region in ALIBABA_CLOUD_REGION_ID'; Code = 'InvalidRegion'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret; $env:ALIBABA_CLOUD_REGION_ID = 'r' * 33 }; Run = { Connect-Mgw -AccountId $Account }
                Message = "'$('r' * 33)' (from ALIBABA_CLOUD_REGION_ID) is not a region id: *at most 32 characters*" }
            @{ Scenario = 'a 100,000-digit account'; Code = 'InvalidAccountId'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId ('1' * 100000) -Region cn-hangzhou }
                Message = "'1111111111*… (100,000 characters)' is not an Alibaba Cloud account ID*" }
            @{ Scenario = 'a service host naming a 70-character region'; Code = 'InvalidEndpoint'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint "https://$('a' * 70).mgw.aliyuncs.com" }
                Message = "The endpoint 'https://aaaa*' names the region 'aaaa*', which is not a region id: *at most 32 characters*" }
            @{ Scenario = 'an endpoint with a path'; Code = 'InvalidEndpoint'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint https://example.invalid/api }
                Message = "The endpoint 'https://example.invalid/api' cannot be used: it has a path, query or fragment; give only the scheme, host and port." }
            @{ Scenario = 'plain http to a remote host'; Code = 'InsecureEndpoint'; Category = 'SecurityError'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint http://example.invalid }
                Message = "The endpoint 'http://example.invalid' uses plain http:// to a host that is not loopback; requests and signatures would cross the network unencrypted. Use https://, or http:// only to localhost, 127.0.0.0/8 or ::1 (the local service)." }
            @{ Scenario = 'an unknown time zone'; Code = 'InvalidTimeZone'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ScheduleTimeZone 'Mars/Olympus_Mons' }
                Message = "'Mars/Olympus_Mons' is not a time zone this system knows. Give a Windows id (e.g. 'China Standard Time') or, on PowerShell 7, an IANA id (e.g. 'Asia/Shanghai')." }
            @{ Scenario = 'a folder of the zone database as time zone'; Code = 'InvalidTimeZone'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ScheduleTimeZone America }
                Message = "'America' is not a time zone this system knows.*" }
            @{ Scenario = 'a 100,000-character time zone'; Code = 'InvalidTimeZone'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret }; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ScheduleTimeZone ('z' * 100000) }
                Message = "'zzzz*… (100,000 characters)' is not a time zone this system knows.*" }
            @{ Scenario = 'an empty AccessKey secret'; Code = 'MissingValue'; Category = 'InvalidArgument'
                Setup = {}; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId $KeyId -AccessKeySecret ([securestring]::new()) }
                Message = 'The AccessKey secret is empty.' }
            @{ Scenario = 'a CR/LF in -AccessKeyId'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = {}; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId "LTAI5t`r`nX-Injected: 1" -AccessKeySecret (New-Secure $Secret) }
                Message = 'The AccessKey ID from -AccessKeyId cannot be used: it holds a line break (CR or LF) at position 7 of 21; an AccessKey ID is at most 128 visible ASCII characters (letters, digits and punctuation; no spaces). The value is not shown.' }
            @{ Scenario = 'an LF in -SecurityToken'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = {}; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId $KeyId -AccessKeySecret (New-Secure $Secret) -SecurityToken (New-Secure "tok`nX-Injected: 1") }
                Message = 'The STS token from -SecurityToken cannot be used: it holds a line break (CR or LF) at position 4 of *; an STS token is at most 8,192 visible ASCII characters*' }
            @{ Scenario = 'a CR/LF in the user name of -Credential'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = {}; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -Credential ([pscredential]::new("LTAI`r`nX-Injected: 1", (New-Secure $Secret))) }
                Message = 'The AccessKey ID from the user name of -Credential cannot be used: it holds a line break (CR or LF) at position 5 of *' }
            @{ Scenario = 'a control character in -AccessKeySecret'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = {}; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId $KeyId -AccessKeySecret (New-Secure "$Secret`n") }
                Message = 'The AccessKey secret from -AccessKeySecret cannot be used: it holds a line break (CR or LF). Copy the secret again without it. The value is not shown.' }
            @{ Scenario = 'an overlong -AccessKeyId'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = {}; Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId ('L' * 129) -AccessKeySecret (New-Secure $Secret) }
                Message = 'The AccessKey ID from -AccessKeyId cannot be used: it has 129 characters; an AccessKey ID is at most 128 visible ASCII characters*' }
            @{ Scenario = 'a CR/LF in ALIBABA_CLOUD_ACCESS_KEY_ID'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = "$KeyId`r`nX-Injected: 1"; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret; Set-CredentialsIni $Ini }
                Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = 'The AccessKey ID from the environment variable ALIBABA_CLOUD_ACCESS_KEY_ID cannot be used: it holds a line break (CR or LF) at position 22 of *' }
            @{ Scenario = 'an overlong ALIBABA_CLOUD_SECURITY_TOKEN'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = { $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId; $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret; $env:ALIBABA_CLOUD_SECURITY_TOKEN = 'T' * 8193 }
                Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = 'The STS token from the environment variable ALIBABA_CLOUD_SECURITY_TOKEN cannot be used: it has 8,193 characters; an STS token is at most 8,192 visible ASCII characters*' }
            @{ Scenario = 'a CR/LF in a config.json access_key_id (chain)'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = { Set-AliyunConfig ($ConfigJson -replace 'LTAI5tProfileDefault1', 'LTAI5t\r\nX-Injected: 1') }
                Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = "The AccessKey ID from access_key_id of profile 'default' in '*config.json' cannot be used: it holds a line break (CR or LF) at position 7 of *" }
            @{ Scenario = 'an LF in a config.json sts_token (-ProfileName)'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = { Set-AliyunConfig ($ConfigJson -replace [regex]::Escape("`"sts_token`": `"$Token`""), '"sts_token": "tok\nX-Injected: 1"') }
                Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ProfileName temp }
                Message = "The STS token from sts_token of profile 'temp' in '*config.json' cannot be used: it holds a line break (CR or LF) at position 4 of *" }
            @{ Scenario = 'a tab in a credentials.ini access_key_id'; Code = 'InvalidCredentialValue'; Category = 'InvalidArgument'
                Setup = { Set-CredentialsIni ($Ini -replace 'LTAI5tIniDefault00001', "LTAI5t`tX-Injected") }
                Run = { Connect-Mgw -AccountId $Account -Region cn-hangzhou }
                Message = "The AccessKey ID from access_key_id of section ``[default``] in '*credentials.ini' cannot be used: it holds a control character (U+0009) at position 7 of *" }
        ) {
            . $Setup
            Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId $KeyId -AccessKeySecret (New-Secure $Secret)

            $err = { . $Run } | Should -Throw -PassThru

            $err.FullyQualifiedErrorId | Should -Be "$Code,$Cmd"
            $err.CategoryInfo.Category | Should -Be $Category
            $err.Exception | Should -BeOfType MgwTools.MgwException
            $err.Exception.Error.Code | Should -Be $Code
            $err.Exception.Message | Should -BeLike $Message
            ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match ([regex]::Escape($Secret))
            ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'X-Injected'
            $err.Exception.Message.Length | Should -BeLessThan 1000
            # A failed Connect-Mgw leaves the previous context alone.
            (Get-MgwContext).Region | Should -Be 'cn-hangzhou'
        }

        It 'makes no request for a refused endpoint (nothing listens, and nothing is tried)' {
            $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $KeyId
            $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secret
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start()
            try {
                $port = $listener.LocalEndpoint.Port
                Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint "http://127.0.0.1:$port" | Out-Null
                { Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint http://example.invalid } | Should -Throw -ErrorId "InsecureEndpoint,$Cmd"
                # Connect-Mgw never calls the service: the loopback listener got no connection either.
                $listener.Pending() | Should -BeFalse
            }
            finally { $listener.Stop() }
        }
    }

    Context 'runspaces' {
        It 'keeps one context per runspace' {
            Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId $KeyId -AccessKeySecret (New-Secure $Secret)
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($Manifest, $Secret)
                        Import-Module $Manifest
                        $before = Get-MgwContext -ErrorAction SilentlyContinue -ErrorVariable notConnected
                        Connect-Mgw -AccountId 9999888877776666 -Region eu-central-1 -AccessKeyId LTAI5tSecondRunspace1 -AccessKeySecret (ConvertTo-SecureString $Secret -AsPlainText -Force)
                        [pscustomobject]@{ Before = $before; ErrorId = $notConnected[0].FullyQualifiedErrorId; After = (Get-MgwContext).AccountId }
                    }).AddArgument($ModuleManifest).AddArgument($Secret)
                $result = $ps.Invoke()
            }
            finally { $ps.Dispose() }

            $result.Before | Should -BeNullOrEmpty
            $result.ErrorId | Should -Be 'NotConnected,MgwTools.Commands.GetMgwContextCommand'
            $result.After | Should -Be '9999888877776666'
            (Get-MgwContext).AccountId | Should -Be $Account
        }

        It 'starts ForEach-Object -Parallel runspaces without a context' {
            Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId $KeyId -AccessKeySecret (New-Secure $Secret)

            $seen = 1..2 | ForEach-Object -Parallel { Import-Module $using:ModuleManifest; [bool](Get-MgwContext -ErrorAction Ignore) }

            $seen | Should -Be @($false, $false)
        }
    }
}
