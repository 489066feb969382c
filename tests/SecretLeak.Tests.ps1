# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Secrets never leak (issue 3, item 6; issue 12 for the address cmdlets): every session cmdlet runs with -Verbose -Debug under Start-Transcript;
# every stream, the context as JSON / list / table / string, every error record and the transcript file are
# searched for each secret and token. New-MgwJob runs against the local service with its keys, and with a wrong
# secret (a signature error that stops the run). The agent and tunnel cmdlets run too, and the activation key of the
# agent they create is searched for like the secrets.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'SessionHelpers.ps1')
    Save-SessionEnvironment

    $Secrets = [ordered]@{
        ExplicitSecret = New-TestSecret 'ExplicitSecret'
        ExplicitToken  = New-TestSecret 'ExplicitToken'
        EnvSecret      = New-TestSecret 'EnvSecret'
        EnvToken       = New-TestSecret 'EnvToken'
        ProfileSecret  = New-TestSecret 'ProfileSecret'
        ProfileToken   = New-TestSecret 'ProfileToken'
        RoleSecret     = New-TestSecret 'RoleSecret'
        IniSecret      = New-TestSecret 'IniSecret'
    }
    $Account = '1234567890123456'
    # One local service for both runs of the scenario; its secret is searched for like the others.
    $Emulator = Start-MgwEmulator -Address leak-src, leak-dst -NoConnect -PassThru
    $Secrets.EmulatorSecret = $Emulator.Credential.GetNetworkCredential().Password
    $Secrets.WrongSecret = New-TestSecret 'WrongSecret'
    # Storage secrets of data addresses (issue 12): typed as PSCredential, and wrongly given as plain text in a row.
    $Secrets.AddressSecret = New-TestSecret 'AddressSecret'
    $Secrets.InventorySecret = New-TestSecret 'InventorySecret'
    $Secrets.CsvSecret = New-TestSecret 'CsvSecret'

    function Initialize-LeakHome {
        Reset-SessionEnvironment
        Set-AliyunConfig @"
    { "current": "temp", "profiles": [
      { "name": "temp", "mode": "StsToken", "access_key_id": "STS.LeakProfile00001", "access_key_secret": "$($Secrets.ProfileSecret)", "sts_token": "$($Secrets.ProfileToken)", "region_id": "cn-shanghai" },
      { "name": "role", "mode": "RamRoleArn", "access_key_id": "LTAI5tLeakRole000001", "access_key_secret": "$($Secrets.RoleSecret)" }
    ] }
"@ | Out-Null
        Set-CredentialsIni "[default]`ntype = access_key`naccess_key_id = LTAI5tLeakIni0000001`naccess_key_secret = $($Secrets.IniSecret)" | Out-Null
    }

    $Scenario = {
        $ErrorActionPreference = 'Continue'
        $common = @{ Verbose = $true; Debug = $true }

        # Every parameter set and every credential source.
        Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId LTAI5tLeakExplicit01 `
            -AccessKeySecret (New-Secure $Secrets.ExplicitSecret) -SecurityToken (New-Secure $Secrets.ExplicitToken) -PassThru @common
        Connect-Mgw -AccountId $Account -Region cn-hangzhou -PassThru @common `
            -Credential ([pscredential]::new('LTAI5tLeakExplicit01', (New-Secure $Secrets.ExplicitSecret))) -SecurityToken (New-Secure $Secrets.ExplicitToken)
        Connect-Mgw -AccountId $Account -ProfileName temp -PassThru @common
        Connect-Mgw -AccountId $Account -PassThru @common                                  # chain: config.json current
        $env:ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true'
        Connect-Mgw -AccountId $Account -Region cn-beijing -PassThru @common                # chain: credentials.ini
        $env:ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI5tLeakEnv0000001'
        $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $Secrets.EnvSecret
        $env:ALIBABA_CLOUD_SECURITY_TOKEN = $Secrets.EnvToken
        Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint http://127.0.0.1:9 -PassThru @common   # chain: environment
        Remove-Item Env:ALIBABA_CLOUD_CLI_PROFILE_DISABLED

        # The context in every form a user might look at it.
        $context = Get-MgwContext @common
        $context
        $context | ConvertTo-Json -Depth 5
        $context | Format-List * -Force | Out-String -Width 400
        $context | Format-Table * -AutoSize | Out-String -Width 400
        $context | Select-Object * | Out-String -Width 400
        $context | Out-String -Width 400
        $context.ToString()
        "$context"
        $context | Get-Member -Force | Out-String -Width 400
        $context.psobject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }

        # Errors, terminating and not.
        foreach ($failing in @(
                { Connect-Mgw -AccountId $Account -Region cn-hangzhou -ProfileName role @common }
                { Connect-Mgw -AccountId $Account -Region cn-hangzhou -Endpoint http://example.invalid @common }
                { Connect-Mgw -Region cn-hangzhou @common }
            )) {
            try { & $failing } catch { $_; $_ | Format-List * -Force | Out-String -Width 400 }
        }

        # The service cmdlets: a created job, a validation error, a service error, a -WhatIf, and a wrong
        # secret, whose SignatureDoesNotMatch stops the run with a terminating error.
        $service = @{ AccountId = $Emulator.AccountId; Region = $Emulator.Region; Endpoint = $Emulator.Endpoint }
        $wrong = Connect-Mgw @service -AccessKeyId $Emulator.AccessKeyId -AccessKeySecret (New-Secure $Secrets.WrongSecret) -PassThru @common
        $wrong
        Connect-Mgw @service -Credential $Emulator.Credential -PassThru @common
        New-MgwJob leak-job -SourceAddress leak-src -DestinationAddress leak-dst -OverwriteMode Never -SkipExisting @common
        New-MgwJob leak-missing -SourceAddress no-such-address -DestinationAddress leak-dst -OverwriteMode Never @common
        New-MgwJob 'Bad Name!' -SourceAddress leak-src -DestinationAddress leak-dst -OverwriteMode Never @common
        New-MgwJob leak-whatif -SourceAddress leak-src -DestinationAddress leak-dst -OverwriteMode Never -WhatIf @common
        try { New-MgwJob leak-wrong -SourceAddress leak-src -DestinationAddress leak-dst -OverwriteMode Never -Context $wrong @common }
        catch { $_; $_ | Format-List * -Force | Out-String -Width 400 }

        # The address cmdlets: a store's and an inventory's key pairs, -WhatIf, -SkipExisting (same and different),
        # secrets given as plain text in a row and in -Detail, reading, verifying, changing and removing, and the
        # wrong secret again.
        $addressKey = [pscredential]::new('AKIALEAKADDRESS00001', (New-Secure $Secrets.AddressSecret))
        $inventoryKey = [pscredential]::new('AKIALEAKINVENTORY001', (New-Secure $Secrets.InventorySecret))
        New-MgwAddress leak-s3 -Type S3 -Domain s3.amazonaws.com -Bucket leak-bucket -Credential $addressKey @common
        New-MgwAddress leak-s3 -Type S3 -Domain s3.amazonaws.com -Bucket leak-bucket -Credential $addressKey -SkipExisting @common
        New-MgwAddress leak-s3 -Type S3 -Domain s3.amazonaws.com -Bucket other-bucket -Credential $addressKey -SkipExisting @common
        New-MgwAddress leak-whatif -Type S3 -Domain s3.amazonaws.com -Bucket leak-bucket -Credential $addressKey -WhatIf @common
        New-MgwAddress leak-inv -InventoryBucket leak-inv -InventoryPath inv/manifest.json -InventoryLocation s3 -InventoryDomain s3.amazonaws.com `
            -InventoryCredential $inventoryKey @common
        [pscustomobject]@{ Name = 'leak-csv'; Type = 'S3'; Bucket = 'b1'; Domain = 's3.amazonaws.com'; AccessSecret = $Secrets.CsvSecret } | New-MgwAddress @common
        [pscustomobject]@{ Name = 'leak-csv2'; Type = 'S3'; Bucket = 'b1'; Domain = 's3.amazonaws.com'; Credential = $Secrets.CsvSecret } | New-MgwAddress @common
        @{ Name = 'leak-csv3'; Type = 'S3'; Bucket = 'b1'; Domain = 's3.amazonaws.com'; Secret = $Secrets.CsvSecret } | New-MgwAddress @common
        New-MgwAddress leak-raw -AddressType s3 -Detail @{ Bucket = 'b1'; Domain = 's3.amazonaws.com'; AccessSecret = $Secrets.CsvSecret } -Credential $addressKey @common
        # A CSV file read with -Path: its secret column is refused, and the row as the error's target hides it.
        $leakCsv = Join-Path $TestDrive 'leak-addresses.csv'
        Set-Content -LiteralPath $leakCsv -Encoding utf8NoBOM -Value 'Name,Type,Bucket,Domain,AccessSecret', "leak-file,S3,b1,s3.amazonaws.com,$($Secrets.CsvSecret)"
        New-MgwAddress -Path $leakCsv -Credential $addressKey -Strict @common
        $address = Get-MgwAddress leak-s3 @common
        $address
        $address | Format-List * -Force | Out-String -Width 400
        $address | ConvertTo-Json -Depth 5
        $address.Detail | Format-List * -Force | Out-String -Width 400
        Get-MgwAddress @common
        Test-MgwAddress leak-s3, leak-inv @common
        Test-MgwAddress leak-s3 -Quiet @common
        New-MgwAddress leak-nas -Agent leak-agent -Path /mnt/leak/ @common
        Set-MgwAddress leak-nas -Agent leak-agent, leak-agent-2 -PassThru @common
        Remove-MgwAddress leak-inv, leak-nas -Confirm:$false @common
        try { New-MgwAddress leak-wrong -Type S3 -Domain s3.amazonaws.com -Bucket leak-bucket -Credential $addressKey -Context $wrong @common }
        catch { $_; $_ | Format-List * -Force | Out-String -Width 400 }
        Test-MgwJobSpec leak-online -SourceAddress leak-s3 -DestinationAddress leak-dst -OverwriteMode Never -Online @common
        # The agent and tunnel cmdlets: created objects (an agent carries its activation key, a credential), listings
        # with -Status, every rendering of an agent, a service error, a -WhatIf, and the wrong secret again.
        $tunnel = New-MgwTunnel -MaxBandwidth 100MB/s -MaxQps 50 -Tag 'leak:test' @common
        if (-not $tunnel) { $tunnel = Get-MgwTunnel @common | Select-Object -First 1 }
        $tunnel
        New-MgwAgent leak-agent -TunnelId $tunnel.TunnelId -AgentEndpoint Vpc @common
        $agent = Get-MgwAgent leak-agent -Status @common
        $agent
        $agent | ConvertTo-Json -Depth 5
        $agent | Format-List * -Force | Out-String -Width 400
        $agent | Format-Table * -AutoSize | Out-String -Width 400
        $agent | Select-Object * | Out-String -Width 400
        "$agent"
        $agent.psobject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }
        Get-MgwAgent @common
        Get-MgwTunnel $tunnel.TunnelId | Get-MgwAgent -Status @common
        Set-MgwTunnel -Id $tunnel.TunnelId -MaxQps 60 -PassThru @common
        Get-MgwAgent leak-missing @common
        New-MgwAgent 'Leak Agent' -TunnelId $tunnel.TunnelId -AgentEndpoint Public @common
        Remove-MgwTunnel -Id $tunnel.TunnelId -Confirm:$false @common
        Remove-MgwAgent leak-agent -WhatIf @common
        try { Get-MgwAgent -Context $wrong @common } catch { $_; $_ | Format-List * -Force | Out-String -Width 400 }
        try { New-MgwTunnel -Context $wrong @common } catch { $_; $_ | Format-List * -Force | Out-String -Width 400 }

        Disconnect-Mgw @common
        Get-MgwContext @common
        Disconnect-Mgw @common
    }

    $transcript = Join-Path $TestDrive 'transcript.txt'
    Start-Transcript -Path $transcript -Force | Out-Null
    try {
        # Once captured (every stream as objects), once straight to the host (so the transcript sees it all).
        Initialize-LeakHome
        $Captured = @(& $Scenario *>&1)
        Initialize-LeakHome
        & $Scenario | Out-Host
    }
    finally {
        Stop-Transcript | Out-Null
    }

    $Everything = @(
        $Captured | Out-String -Width 400
        $Captured | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 400 }
        $Captured | ForEach-Object { try { $_ | ConvertTo-Json -Depth 5 -WarningAction Ignore } catch { "not serialisable: $($_.Exception.GetType())" } }
        $Captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.Exception.ToString() }
        $Error | Format-List * -Force | Out-String -Width 400
    ) -join "`n"
    $Transcript = Get-Content $transcript -Raw
    # The agent's activation key, from the object itself (the only way to it): searched for like the secrets.
    $script:LeakAgent = $Captured | Where-Object { $_ -is [MgwTools.MgwAgent] } | Select-Object -First 1
    $Secrets.ActivationKey = [Net.NetworkCredential]::new('', $LeakAgent.GetActivationKey()).Password
}

AfterAll {
    Stop-MgwEmulator -ErrorAction Ignore
    Restore-SessionEnvironment
}

Describe 'Secrets never leak' {
    It 'the run exercised every stream (so the search means something)' {
        $kinds = $Captured | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique
        $kinds | Should -Contain 'MgwContext'
        $kinds | Should -Contain 'VerboseRecord'
        $kinds | Should -Contain 'DebugRecord'
        $kinds | Should -Contain 'ErrorRecord'
        @($Captured | Where-Object { $_ -is [MgwTools.MgwContext] }).Count | Should -BeGreaterOrEqual 6
        $Everything | Should -Match 'CredentialsFile:default'
        $Everything | Should -Match 'Profile:temp'
        $Everything | Should -Match 'UnsupportedProfileMode'
        $Transcript | Should -Match 'Connected: account'
        $Transcript | Should -Match 'DEBUG: Stored the context'
        $Transcript | Should -Match 'InsecureEndpoint|uses plain http://'
        @($Captured | Where-Object { $_ -is [MgwTools.MgwJob] }).JobName | Should -Be 'leak-job'
        $codes = $Captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }
        $codes | Should -Contain 'NoSuchImportAddress'
        $codes | Should -Contain 'InvalidJobName'
        $codes | Should -Contain 'SignatureDoesNotMatch'
        $Transcript | Should -Match "What if: Create migration job 'leak-whatif'"
        $Transcript | Should -Match "What if: Create data address 'leak-whatif': s3: .*Credential AKIA\*+001 with its secret"
        @($Captured | Where-Object { $_ -is [MgwTools.MgwAddress] }).Name | Should -Contain 'leak-s3'
        @($Captured | Where-Object { $_ -is [MgwTools.MgwAddressVerification] }).Name | Should -Contain 'leak-inv'
        foreach ($code in 'PlainTextSecret', 'ImportAddressSpecConflict') { $codes | Should -Contain $code }
        $Everything | Should -Match 'leak-addresses\.csv:2: Row 1: AccessSecret would carry a secret'
        @($Captured | Where-Object { $_ -is [MgwTools.MgwTunnel] }).Count | Should -BeGreaterOrEqual 2
        @($Captured | Where-Object { $_ -is [MgwTools.MgwAgent] -and $_.Status.Status -eq 'OK' }).Count | Should -BeGreaterOrEqual 2
        $codes | Should -Contain 'NoSuchImportAgent'
        $codes | Should -Contain 'InvalidAgentName'
        $codes | Should -Contain 'ImportTunnelIsOccupied'
        $Transcript | Should -Match 'What if: Performing the operation "Delete agent" on target "leak-agent"'
        $Transcript | Should -Match 'ImportAgentAlreadyExist'   # the second run: the agent of the first is still there
    }

    It 'the address secrets really reached the service (so their absence means something)' {
        ($Emulator.GetAddresses() | Where-Object Name -EQ 'leak-s3').HasAccessSecret | Should -BeTrue
        @($Emulator.GetAddresses().Name) | Should -Not -Contain 'leak-csv'
    }

    It 'the agent really carried an activation key (so its absence means something)' {
        $LeakAgent.HasActivationKey | Should -BeTrue
        $Secrets.ActivationKey.Length | Should -BeGreaterOrEqual 16
    }

    It 'the contexts really held the secrets (so their absence means something)' {
        $contexts = $Captured | Where-Object { $_ -is [MgwTools.MgwContext] }
        $held = $contexts | ForEach-Object { $c = Get-ContextCredentials $_; $c.Secret; $c.SecurityToken }
        foreach ($name in 'ExplicitSecret', 'ExplicitToken', 'ProfileSecret', 'ProfileToken', 'IniSecret', 'EnvSecret', 'EnvToken', 'EmulatorSecret', 'WrongSecret') {
            $held | Should -Contain $Secrets[$name]
        }
    }

    It '<Name> is in no stream, no rendering of the context and no error' -TestCases @(
        'ExplicitSecret', 'ExplicitToken', 'EnvSecret', 'EnvToken', 'ProfileSecret', 'ProfileToken', 'RoleSecret', 'IniSecret', 'EmulatorSecret', 'WrongSecret',
        'ActivationKey', 'AddressSecret', 'InventorySecret', 'CsvSecret' |
            ForEach-Object { @{ Name = $_ } }
    ) {
        $Everything | Should -Not -Match ([regex]::Escape($Secrets[$Name]))
    }

    It '<Name> is not in the transcript' -TestCases @(
        'ExplicitSecret', 'ExplicitToken', 'EnvSecret', 'EnvToken', 'ProfileSecret', 'ProfileToken', 'RoleSecret', 'IniSecret', 'EmulatorSecret', 'WrongSecret',
        'ActivationKey', 'AddressSecret', 'InventorySecret', 'CsvSecret' |
            ForEach-Object { @{ Name = $_ } }
    ) {
        $Transcript | Should -Not -Match ([regex]::Escape($Secrets[$Name]))
    }
}
