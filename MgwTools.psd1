# Copyright (c) MgwTools contributors. Licensed under the MIT License.
@{
    RootModule           = 'MgwTools.dll'
    # Imported before the RootModule: loads MgwTools.Core, MgwTools.Emulator and their dependencies
    # from dependencies/ into a private load context (README, Layout).
    NestedModules        = @('MgwTools.Loader.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = '5d6f1c1e-8c3b-4f0a-9a57-0e3b7d2c4a91'
    Author               = 'MgwTools contributors'
    CompanyName          = 'Community'
    Copyright            = '(c) MgwTools contributors. MIT License.'
    Description          = 'Define, validate and create Alibaba Cloud Data Online Migration (hcs-mgw) jobs from PowerShell: offline validation, schedule previews, safe bulk creation from CSV, and a local service for tests.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('MgwTools.Format.ps1xml')
    # No TypesToProcess: even an empty types file makes every import run the types reader and update the
    # type table (about 12 ms of a 2-core machine's time, tests/Benchmarks/Import.Bench.ps1).
    CmdletsToExport      = @(
        'Test-MgwJobSpec'
        'ConvertTo-MgwCron'
        'New-MgwJob'
        'New-MgwAddress'
        'Get-MgwAddress'
        'Set-MgwAddress'
        'Test-MgwAddress'
        'Remove-MgwAddress'
        'Connect-Mgw'
        'Get-MgwContext'
        'Disconnect-Mgw'
        'Start-MgwEmulator'
        'Stop-MgwEmulator'
        'Get-MgwJob'
        'Start-MgwJob'
        'Suspend-MgwJob'
        'Stop-MgwJob'
        'Set-MgwJob'
        'Remove-MgwJob'
        'Wait-MgwJob'
        'Get-MgwJobHistory'
        'Get-MgwJobResult'
        'New-MgwJobReport'
        'Get-MgwJobReport'
        'New-MgwRetryJob'
        'New-MgwAgent'
        'Get-MgwAgent'
        'Remove-MgwAgent'
        'New-MgwTunnel'
        'Get-MgwTunnel'
        'Set-MgwTunnel'
        'Remove-MgwTunnel'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Alibaba', 'AlibabaCloud', 'Aliyun', 'Migration', 'DataMigration', 'hcs-mgw', 'mgwutil', 'OSS',
                'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # The project's home; set it to the public repository's address before publishing to a gallery.
            ProjectUri   = 'https://github.com/mgwtools/MgwTools'
            RequireLicenseAcceptance = $false
            # Replaced at build time by the newest section of CHANGELOG.md (build.ps1, Invoke-Build).
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
