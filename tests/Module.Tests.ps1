# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeDiscovery {
    # The data-driven blocks below need the exported cmdlets at discovery time, and so do the -Skip
    # conditions (they are evaluated at discovery, before any BeforeAll runs).
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Cmdlets = @((Get-Module MgwTools).ExportedCmdlets.Keys | Sort-Object)
    $script:HasCron = [bool](Get-Command ConvertTo-MgwCron -Module MgwTools -ErrorAction Ignore)
    $script:HasService = [bool]((Get-Command Start-MgwEmulator, Stop-MgwEmulator, New-MgwJob -Module MgwTools -ErrorAction Ignore).Count -eq 3)
}

BeforeAll { . (Join-Path $PSScriptRoot 'common.ps1') }

Describe 'The MgwTools module' {
    It 'has a valid manifest' {
        { Test-ModuleManifest $ModuleManifest -ErrorAction Stop } | Should -Not -Throw
    }

    It "exports exactly the cmdlets its manifest lists" {
        $listed = (Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | Sort-Object
        $exported = (Get-Module MgwTools).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be $listed
    }

    It 'ships third-party assemblies only under dependencies/' {
        # Only the cmdlets and the loader sit in the default load context; Core, the emulator and
        # everything they use load from dependencies/ into the module's own context.
        $base = (Get-Module MgwTools).ModuleBase
        (Get-ChildItem $base -Filter '*.dll').BaseName | Sort-Object |
            Should -Be @('MgwTools', 'MgwTools.Loader')
        $dependencies = (Get-ChildItem (Join-Path $base 'dependencies') -Filter '*.dll').BaseName
        foreach ($name in 'MgwTools.Core', 'MgwTools.Emulator', 'Polly.Core', 'Cronos', 'Microsoft.Bcl.TimeProvider') {
            $dependencies | Should -Contain $name
        }
        $dependencies | Should -Not -Contain 'MgwTools'
        $dependencies | Should -Not -Contain 'MgwTools.Loader'
        $dependencies | Should -Not -Contain 'System.Runtime.Loader' -Because 'the loader references it at compile time only'
    }

    It 'processes no types file' {
        # Import cost: even an empty types file costs every import the types reader and a type table update.
        (Get-Module MgwTools).ExportedTypeFiles | Should -BeNullOrEmpty
        (Import-PowerShellDataFile $ModuleManifest).Keys | Should -Not -Contain 'TypesToProcess'
    }

    It 'ships its MAML help and about topic in en-US' {
        $enUS = Join-Path (Get-Module MgwTools).ModuleBase 'en-US'
        $maml = [xml](Get-Content -Raw (Join-Path $enUS 'MgwTools.dll-Help.xml'))
        $maml.DocumentElement.LocalName | Should -Be 'helpItems'
        Test-Path (Join-Path $enUS 'about_MgwTools.help.txt') | Should -BeTrue
    }

    It 'has an about_MgwTools topic that Get-Help finds' {
        $text = Get-Help about_MgwTools | Out-String
        $text | Should -Match '(?m)^TOPIC\s+about_MgwTools'
        $text | Should -Match '(?m)^SHORT DESCRIPTION'
        $text | Should -Match 'ScheduleTimeZone'
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($c in Get-Command -Module MgwTools) { $c.Verb | Should -BeIn $approved -Because $c.Name }
    }
}

# Help quality and cmdlet conventions for every exported cmdlet (design §11, style-anchors §9 item 21).
# Pester 5 runs no test for an empty -ForEach; Pester 6 would reject it, hence the guard.
if ($Cmdlets.Count -gt 0) {
    Describe '<_>' -ForEach $Cmdlets {
        BeforeAll {
            $script:Name = $_
            $script:Command = Get-Command $Name -Module MgwTools
            $script:Help = Get-Help $Name -Full
            $script:OwnParameters = @($Command.Parameters.Values | Where-Object { $_.Name -notin [System.Management.Automation.Cmdlet]::CommonParameters -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) })
        }

        It 'has a synopsis written by hand' {
            $synopsis = "$($Help.Synopsis)".Trim()
            $synopsis | Should -Not -BeNullOrEmpty
            # Without MAML, Get-Help makes the synopsis from the syntax: "Verb-Noun [-Parameter] ...".
            $synopsis | Should -Not -Match "^$([regex]::Escape($Name))(\s|$)"
        }

        It 'has a description' {
            ($Help.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }

        It 'has at least two examples, each with code' {
            $examples = @($Help.Examples.Example)
            $examples.Count | Should -BeGreaterOrEqual 2
            foreach ($e in $examples) { "$($e.Code)".Trim() | Should -Not -BeNullOrEmpty -Because $e.Title }
        }

        It 'shows its examples with Get-Help -Examples' {
            $text = Get-Help $Name -Examples | Out-String -Width 250
            $first = "$(@($Help.Examples.Example)[0].Code)" -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1
            $text | Should -BeLike "*$($first.Trim())*"
            $text | Should -BeLike "*$Name*"
        }

        It 'describes every parameter' {
            foreach ($p in $OwnParameters) {
                $ph = @($Help.Parameters.Parameter) | Where-Object Name -EQ $p.Name
                $ph | Should -Not -BeNullOrEmpty -Because "-$($p.Name) must be in the help"
                ($ph.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description"
            }
        }

        It 'declares its output type' {
            $Command.OutputType.Count | Should -BeGreaterThan 0 -Because 'every cmdlet declares [OutputType]'
        }

        It 'supports -WhatIf and -Confirm when its verb changes state' {
            # Style guide §9 item 14. Connect/Disconnect only change the session, not the service.
            $changing = 'New', 'Set', 'Remove', 'Start', 'Stop', 'Update', 'Suspend', 'Resume', 'Restart', 'Reset', 'Clear', 'Add', 'Rename'
            if ($Command.Verb -in $changing) {
                $Command.Parameters.Keys | Should -Contain 'WhatIf'
                $Command.Parameters.Keys | Should -Contain 'Confirm'
            }
            else {
                Set-ItResult -Skipped -Because "'$($Command.Verb)' does not change state"
            }
        }

        It 'has no duplicate parameter names or aliases' {
            $names = foreach ($p in $Command.Parameters.Values) { $p.Name; $p.Aliases }
            $duplicates = $names | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name
            $duplicates | Should -BeNullOrEmpty
        }
    }
}

# Dependency isolation (design §5, style-anchors §9 item 8): Cronos and Polly.Core load into the
# module's own AssemblyLoadContext, whatever else the process has loaded.
Describe 'Dependency isolation' {
    BeforeAll {
        $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        # Prints "<name> <informational version> <load context>" for each loaded copy of an assembly.
        $script:Report = @'
function Get-LoadedCopy([string] $Name) {
    foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $Name }) {
        $v = ($a.GetCustomAttributes([Reflection.AssemblyInformationalVersionAttribute], $false) | Select-Object -First 1).InformationalVersion -replace '\+.*$', ''
        "$Name $v $([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).Name)"
    }
}
'@
        # One request through the module's HTTP client (and so its Polly pipeline), against the local service.
        $script:ServiceCall = @'
$ConfirmPreference = 'None'
$null = Start-MgwEmulator
$errors = @()
$null = New-MgwJob -Name 'alc-probe' -SourceAddress 'alc-src' -DestinationAddress 'alc-dst' -OverwriteMode Never -TransferMode All -ErrorAction SilentlyContinue -ErrorVariable +errors
Stop-MgwEmulator
# Service errors are fine (the addresses do not exist); a loader failure is not.
foreach ($e in $errors) { if ($e.Exception -isnot [MgwTools.MgwException]) { "unexpected: $($e.Exception.GetType().FullName): $($e.Exception.Message)" } }
'@
    }

    It 'registers the public types of its private assemblies as type accelerators until Remove-Module' {
        $out = Invoke-FreshPwsh @'
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$t = [MgwTools.MgwJobSpec]
"$($t.Assembly.GetName().Name) $([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($t.Assembly).Name)"
[MgwTools.Emulator.EmulatorFault].FullName
$accelerators::Get.ContainsKey('MgwTools.MgwException')
Remove-Module MgwTools
$accelerators::Get.ContainsKey('MgwTools.MgwException')
'@
        $out | Should -Be @('MgwTools.Core MgwTools', 'MgwTools.Emulator.EmulatorFault', 'True', 'False')
    }

    It "leaves another module's accelerator of the same name alone" {
        $script = @"
`$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
`$accelerators::Add('MgwTools.MgwError', [string])
Import-Module '$ModuleManifest' -ErrorAction Stop
`$accelerators::Get['MgwTools.MgwError'].FullName
`$accelerators::Get['MgwTools.MgwJob'].Assembly.GetName().Name
Remove-Module MgwTools
`$accelerators::Get['MgwTools.MgwError'].FullName
"@
        $out = & $Pwsh -NoProfile -NonInteractive -Command $script
        $out | Should -Be @('System.String', 'MgwTools.Core', 'System.String')
    }

    It 'loads neither Polly nor Cronos to import and validate' {
        # Import cost: they load when a cmdlet first needs them (a service call, a schedule), not before.
        $out = Invoke-FreshPwsh @'
[pscustomobject]@{ Name = 'abc'; SourceAddress = 's'; DestinationAddress = 'd'; OverwriteMode = 'Never' } | Test-MgwJobSpec | Out-Null
$names = [AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name }
'core ' + ($names -contains 'MgwTools.Core')
'third-party: ' + (@($names | Where-Object { $_ -in 'Polly.Core', 'Cronos', 'Microsoft.Bcl.TimeProvider' }) -join ',')
'@
        $out | Should -Be @('core True', 'third-party: ')
    }

    It 'loads Cronos into the MgwTools load context' -Skip:(-not $HasCron) {
        $out = Invoke-FreshPwsh ($Report + "`n" + @'
$null = ConvertTo-MgwCron -Daily -At 02:00 -Next 2
Get-LoadedCopy Cronos
'@)
        $out | Should -Be @('Cronos 0.13.0 MgwTools')
    }

    It 'loads Polly.Core into the MgwTools load context' -Skip:(-not $HasService) {
        $out = Invoke-FreshPwsh ($Report + "`n" + $ServiceCall + "`nGet-LoadedCopy Polly.Core")
        $out | Should -Be @('Polly.Core 8.9.1 MgwTools')
    }

    It 'keeps its own Polly.Core when another version is already loaded' -Skip:(-not $HasService) {
        # Another module's Polly.Core, loaded into the default context before MgwTools is imported.
        $cache = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        & dotnet restore (Join-Path $RepoRoot 'tools/TestPackages.proj') -nologo -v quiet | Out-Null
        $LASTEXITCODE | Should -Be 0
        $foreign = Join-Path $cache 'polly.core/8.4.2/lib/net8.0/Polly.Core.dll'
        $script = "`$null = [Reflection.Assembly]::LoadFrom('$foreign')`nImport-Module '$ModuleManifest' -ErrorAction Stop`n" +
            $Report + "`n" + $ServiceCall + "`nGet-LoadedCopy Polly.Core"
        $out = & $Pwsh -NoProfile -NonInteractive -Command $script
        $out | Should -Be @('Polly.Core 8.4.2 Default', 'Polly.Core 8.9.1 MgwTools')
    }
}
