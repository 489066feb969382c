# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll { . (Join-Path $PSScriptRoot 'common.ps1') }

Describe 'The MgwTools module' {
    It 'has a valid manifest' {
        { Test-ModuleManifest $ModuleManifest -ErrorAction Stop } | Should -Not -Throw
    }

    It "exports exactly the cmdlets its manifest lists" -Skip:(-not (Get-Command New-MgwJob -Module MgwTools -ErrorAction Ignore)) {
        $listed = (Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | Sort-Object
        $exported = (Get-Module MgwTools).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be $listed
    }

    It 'ships third-party assemblies only under dependencies/' {
        $base = (Get-Module MgwTools).ModuleBase
        (Get-ChildItem $base -Filter '*.dll').BaseName | Sort-Object |
            Should -Be @('MgwTools', 'MgwTools.Core', 'MgwTools.Emulator')
        Test-Path (Join-Path $base 'dependencies/Polly.Core.dll') | Should -BeTrue
        Test-Path (Join-Path $base 'dependencies/Cronos.dll') | Should -BeTrue
    }
}
