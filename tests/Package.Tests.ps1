# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The package as a user gets it: output/MgwTools.<version>.nupkg (build.ps1 -Task Package, and -Task Test),
# installed with PSResourceGet from a repository on a temporary folder, then used in a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'MgwTools.psd1')
    $script:Version = $Manifest.ModuleVersion
    $script:Nupkg = Join-Path $RepoRoot "output/MgwTools.$Version.nupkg"
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
}

Describe 'The MgwTools package' {
    It 'is built as output/MgwTools.<version>.nupkg' {
        Test-Path $Nupkg | Should -BeTrue -Because 'build.ps1 -Task Test runs the Package step before the tests'
    }

    It 'has a gallery-ready manifest' {
        $built = Import-PowerShellDataFile $ModuleManifest
        $built.Description | Should -Not -BeNullOrEmpty
        $built.Author | Should -Not -BeNullOrEmpty
        $built.PowerShellVersion | Should -Be '5.1'
        $built.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data = $built.PrivateData.PSData
        [uri]::IsWellFormedUriString($data.LicenseUri, 'Absolute') | Should -BeTrue
        [uri]::IsWellFormedUriString($data.ProjectUri, 'Absolute') | Should -BeTrue
        $data.Tags | Should -Contain 'PSEdition_Core'
        $data.Tags | Should -Contain 'PSEdition_Desktop'
        # The release notes are the newest CHANGELOG section, not a pointer to it.
        $data.ReleaseNotes | Should -Match "^## $([regex]::Escape($Version))"
        $built.CmdletsToExport | Should -Contain 'New-MgwJob'
    }

    It 'ships LICENSE and CHANGELOG.md in the module folder' {
        $base = Split-Path $ModuleManifest
        Test-Path (Join-Path $base 'LICENSE') | Should -BeTrue
        Test-Path (Join-Path $base 'CHANGELOG.md') | Should -BeTrue
    }

    It 'installs with Install-PSResource from a folder repository and works in a fresh pwsh' {
        $work = Join-Path ([IO.Path]::GetTempPath()) ("mgw-package-" + [guid]::NewGuid().ToString('n'))
        $repo = New-Item -ItemType Directory -Path (Join-Path $work 'repo')
        $userHome = New-Item -ItemType Directory -Path (Join-Path $work 'home')
        try {
            Copy-Item $Nupkg $repo
            # A child with its own HOME: the repository registration and the CurrentUser module path are
            # the temporary folder's, so nothing of the machine's own PowerShell setup is read or changed.
            $script = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Import-Module Microsoft.PowerShell.PSResourceGet
Register-PSResourceRepository -Name MgwLocal -Uri '$($repo.FullName)' -Trusted
Install-PSResource -Name MgwTools -Repository MgwLocal -Scope CurrentUser -TrustRepository -Quiet
`$installed = Get-InstalledPSResource -Name MgwTools -Scope CurrentUser
"INSTALLED `$(`$installed.Version) `$(`$installed.InstalledLocation)"
"@
            $env:MGW_SAVED_HOME = $env:HOME
            $env:HOME = $userHome.FullName
            try {
                $install = & $Pwsh -NoProfile -NonInteractive -Command $script 2>&1
                $installExit = $LASTEXITCODE
                # A second fresh process, module found by name on its PSModulePath (no path given).
                $use = & $Pwsh -NoProfile -NonInteractive -Command @'
$ErrorActionPreference = 'Stop'
Import-Module MgwTools
"MODULE $((Get-Module MgwTools).ModuleBase)"
$result = [pscustomobject]@{ Name = 'pkg-check'; SourceAddress = 'src'; DestinationAddress = 'dst'; OverwriteMode = 'Never'; TransferMode = 'All' } | Test-MgwJobSpec
"VALID $($result.IsValid)"
"HELP $((Get-Help New-MgwJob).Synopsis)"
'@ 2>&1
                $useExit = $LASTEXITCODE
            }
            finally {
                $env:HOME = $env:MGW_SAVED_HOME
                Remove-Item Env:MGW_SAVED_HOME
            }

            $installExit | Should -Be 0 -Because ($install -join "`n")
            ($install -join "`n") | Should -Match "INSTALLED $([regex]::Escape($Version)) .*$([regex]::Escape($userHome.FullName))"
            $useExit | Should -Be 0 -Because ($use -join "`n")
            $text = $use -join "`n"
            $text | Should -Match "MODULE $([regex]::Escape($userHome.FullName))"
            $text | Should -Match 'VALID True'
            $text | Should -Match 'HELP \S+'
            $text | Should -Not -Match 'HELP .*Get-Help cannot find'
        }
        finally {
            Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
