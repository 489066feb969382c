# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# tools/New-MamlHelp.ps1 against a tiny script module (tests/fixtures/help), so the generator is proven
# independently of the real cmdlets: the MAML it writes, what Get-Help then shows, and every failure.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Generator = Join-Path $RepoRoot 'tools/New-MamlHelp.ps1'
    $script:Fixture = Join-Path $PSScriptRoot 'fixtures/help'
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    # Copies the fixture module and its docs under $TestDrive/<Name>, lets $Edit change the docs, runs the
    # generator in a fresh pwsh. Returns the exit code, all output lines and the paths.
    function Invoke-Generator([string] $Name, [scriptblock] $Edit) {
        $root = Join-Path $TestDrive $Name
        $module = Join-Path $root 'HelpFixture'
        $docs = Join-Path $root 'docs'
        Copy-Item (Join-Path $Fixture 'HelpFixture') $module -Recurse
        Copy-Item (Join-Path $Fixture 'docs') $docs -Recurse
        if ($Edit) { & $Edit $docs }
        $out = Join-Path $module 'en-US'
        $lines = & $Pwsh -NoProfile -NonInteractive -File $Generator -ModulePath (Join-Path $module 'HelpFixture.psm1') `
            -DocsPath $docs -OutputPath $out 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $lines -join "`n"; Module = $module; Out = $out }
    }

    # Replaces text in one fixture page; fails loudly when the text is not there (a stale test).
    function Edit-Page([string] $Docs, [string] $Page, [string] $Old, [string] $New) {
        $path = Join-Path $Docs $Page
        $text = [IO.File]::ReadAllText($path) -replace "`r`n", "`n"
        if (-not $text.Contains($Old)) { throw "Test setup: '$Old' is not in $Page." }
        [IO.File]::WriteAllText($path, $text.Replace($Old, $New))
    }
}

Describe 'New-MamlHelp on a valid module' {
    BeforeAll {
        $script:Run = Invoke-Generator 'valid'
        $script:MamlPath = Join-Path $Run.Out 'HelpFixture-help.xml'
        $script:Maml = [xml](Get-Content -Raw $MamlPath)
        $script:Ns = [System.Xml.XmlNamespaceManager]::new($Maml.NameTable)
        $Ns.AddNamespace('msh', 'http://msh')
        $Ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $Ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $Ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        function Select-Maml([string] $XPath, $Node = $Maml) { @($Node.SelectNodes($XPath, $Ns)) }
        function Get-CommandNode([string] $Name) {
            Select-Maml "/msh:helpItems/command:command[command:details/command:name='$Name']" | Select-Object -First 1
        }
        function Get-ParameterNode([string] $Command, [string] $Parameter) {
            Select-Maml "command:parameters/command:parameter[maml:name='$Parameter']" (Get-CommandNode $Command) | Select-Object -First 1
        }
    }

    It 'exits 0 and writes the MAML and the about topic' {
        $Run.ExitCode | Should -Be 0 -Because $Run.Output
        Test-Path $MamlPath | Should -BeTrue
        Test-Path (Join-Path $Run.Out 'about_HelpFixture.help.txt') | Should -BeTrue
    }

    It 'writes well-formed MAML with one command element per exported function' {
        $Maml.DocumentElement.LocalName | Should -Be 'helpItems'
        $Maml.DocumentElement.schema | Should -Be 'maml'
        (Select-Maml '/msh:helpItems/command:command/command:details/command:name').InnerText |
            Should -Be @('Get-FixtureItem', 'Set-FixtureItem')
        foreach ($name in 'Get-FixtureItem', 'Set-FixtureItem') {
            $c = Get-CommandNode $name
            foreach ($element in 'command:details/command:verb', 'command:details/command:noun', 'command:details/maml:description',
                'maml:description', 'command:syntax', 'command:parameters', 'command:inputTypes', 'command:returnValues',
                'maml:alertSet', 'command:examples', 'command:relatedLinks') {
                Select-Maml $element $c | Should -Not -BeNullOrEmpty -Because "$name needs $element"
            }
        }
    }

    It 'takes synopsis, description, notes and links from the page' {
        $c = Get-CommandNode 'Get-FixtureItem'
        (Select-Maml 'command:details/maml:description/maml:para' $c).InnerText | Should -Be 'Gets fixture items by name or by id.'
        $description = (Select-Maml 'maml:description/maml:para' $c).InnerText
        $description[0] | Should -BeLike '*it has bold text, a link (https://example.invalid/x) and a list:'
        $description[1] | Should -Be "- first item`n- second item"
        (Select-Maml 'maml:alertSet/maml:alert/maml:para' $c).InnerText | Should -Be 'A fixture, not a product.'
        $links = Select-Maml 'command:relatedLinks/maml:navigationLink' $c
        $links[0].linkText | Should -Be 'Online Version:'
        $links[0].uri | Should -Be 'https://example.invalid/Get-FixtureItem'
        $links[1].linkText | Should -Be 'Set-FixtureItem'
    }

    It 'writes one syntax item per parameter set, the default set first' {
        $items = Select-Maml 'command:syntax/command:syntaxItem' (Get-CommandNode 'Get-FixtureItem')
        $items.Count | Should -Be 2
        (Select-Maml 'command:parameter/maml:name' $items[0]).InnerText | Should -Be @('Name', 'Size', 'Force')
        (Select-Maml 'command:parameter/maml:name' $items[1]).InnerText | Should -Be @('Id', 'Size', 'Force')
    }

    It 'takes position, mandatory, pipeline input, aliases and wildcards from metadata' {
        $name = Get-ParameterNode 'Get-FixtureItem' 'Name'
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.aliases | Should -Be 'ItemName, item-name'
        $name.globbing | Should -Be 'true'
        (Select-Maml 'dev:type/maml:name' $name).InnerText | Should -Be 'String[]'
        $id = Get-ParameterNode 'Get-FixtureItem' 'Id'
        $id.position | Should -Be 'named'
        $id.pipelineInput | Should -Be 'True (ByPropertyName)'
        $id.aliases | Should -Be 'none'
    }

    It 'renders ValidateSet and enum values as a value group, and unwraps Nullable' {
        (Select-Maml 'command:parameterValueGroup/command:parameterValue' (Get-ParameterNode 'Get-FixtureItem' 'Size')).InnerText |
            Should -Be @('Small', 'Large')
        (Select-Maml 'command:parameterValueGroup/command:parameterValue' (Get-ParameterNode 'Set-FixtureItem' 'Color')).InnerText |
            Should -Be ([Enum]::GetNames([ConsoleColor]))
        (Select-Maml 'dev:type/maml:name' (Get-ParameterNode 'Set-FixtureItem' 'Level')).InnerText | Should -Be 'Int32'
    }

    It "takes only 'Default value:' from a yaml block" {
        $size = Get-ParameterNode 'Get-FixtureItem' 'Size'
        (Select-Maml 'dev:defaultValue' $size).InnerText | Should -Be 'Small'
        (Select-Maml 'maml:description/maml:para' (Get-ParameterNode 'Get-FixtureItem' 'Name')).InnerText |
            Should -Be 'The names of the items; wildcards are allowed.'
    }

    It 'gives -WhatIf and -Confirm stock text' {
        (Select-Maml 'maml:description/maml:para' (Get-ParameterNode 'Set-FixtureItem' 'WhatIf')).InnerText |
            Should -Be 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
        (Select-Maml 'maml:description/maml:para' (Get-ParameterNode 'Set-FixtureItem' 'Confirm')).InnerText |
            Should -Be 'Prompts you for confirmation before running the cmdlet.'
    }

    It 'leaves whole-line HTML comments (the example markers) out of help' {
        $example = @(Select-Maml 'command:examples/command:example' (Get-CommandNode 'Get-FixtureItem'))[1]
        $example.code | Should -Be 'PS> Get-FixtureItem -Id 7 -Size Large`nitem 7 (Large)'.Replace('`n', "`n")
        (Select-Maml 'dev:remarks/maml:para' $example).InnerText | Where-Object { $_ } | Should -Be 'Gets item 7.'
        $Maml.OuterXml | Should -Not -Match 'not-runnable|setup:|Set-FixtureHiddenState|<!--'
    }

    It 'keeps lines that start with # inside example code as code' {
        $example = Select-Maml 'command:examples/command:example' (Get-CommandNode 'Set-FixtureItem') | Select-Object -First 1
        $example.title | Should -BeLike '*Example 1 - Change the color*'
        $example.code | Should -Be "# A comment in code is not a heading`n## Neither is this`nPS> Set-FixtureItem alpha -Color Red"
        (Select-Maml 'dev:remarks/maml:para' $example)[0].InnerText | Should -Be 'Makes alpha red.'
    }

    It 'lists input and output types' {
        $c = Get-CommandNode 'Get-FixtureItem'
        (Select-Maml 'command:inputTypes/command:inputType/dev:type/maml:name' $c).InnerText | Should -Be 'System.String[]'
        (Select-Maml 'command:returnValues/command:returnValue/dev:type/maml:name' $c).InnerText | Should -Be 'System.String'
        (Select-Maml 'command:returnValues/command:returnValue/dev:type/maml:name' (Get-CommandNode 'Set-FixtureItem')).InnerText |
            Should -Be 'None'
    }

    It 'converts the about page to the about_ text layout' {
        $text = Get-Content -Raw (Join-Path $Run.Out 'about_HelpFixture.help.txt')
        $text | Should -BeLike "TOPIC`n    about_HelpFixture`n`nSHORT DESCRIPTION`n    The help generator's fixture module.`n`nLONG DESCRIPTION`n*"
        $text | Should -Match "(?m)^  Parameters$"
        $text | Should -Match "(?m)^    - ``-Name`` takes names.*\n      continuation"
        $text | Should -Match "(?m)^        Get-FixtureItem alpha \| Set-FixtureItem -Color Red -WhatIf$"
        foreach ($line in $text -split "`n") { $line.Length | Should -BeLessOrEqual 80 -Because $line }
    }

    It 'is what Get-Help shows in a fresh pwsh' {
        $script = @"
Import-Module '$(Join-Path $Run.Module 'HelpFixture.psm1')' -ErrorAction Stop
`$h = Get-Help Get-FixtureItem
`$h.Synopsis
@(`$h.Examples.Example).Count
(Get-Help Get-FixtureItem -Parameter Name).Description.Text
(Get-Help Get-FixtureItem -Parameter Name).Aliases
(Get-Help Set-FixtureItem -Examples | Out-String -Width 200) -match 'PS> Set-FixtureItem alpha -Level 3 -WhatIf'
(Get-Help Get-FixtureItem -Full | Out-String -Width 200) -match [regex]::Escape('[-Size {Small | Large}]')
(Get-Help about_HelpFixture | Out-String) -match 'SHORT DESCRIPTION'
"@
        $out = & $Pwsh -NoProfile -NonInteractive -Command $script
        $out | Should -Be @('Gets fixture items by name or by id.', '2', 'The names of the items; wildcards are allowed.',
            'ItemName, item-name', 'True', 'True', 'True')
    }
}

Describe 'New-MamlHelp fails on incomplete docs' {
    It 'fails when <Scenario>' -TestCases @(
        @{ Scenario = 'a command has no page'; Message = "Set-FixtureItem: no help page; expected '*Set-FixtureItem.md'."
            Edit = { param($d) Remove-Item (Join-Path $d 'Set-FixtureItem.md') } }
        @{ Scenario = 'a page has no synopsis'; Message = "Get-FixtureItem: 'Get-FixtureItem.md' has no SYNOPSIS text."
            Edit = { param($d) Edit-Page $d 'Get-FixtureItem.md' "## SYNOPSIS`nGets fixture items by name or by id.`n" "## SYNOPSIS`n" } }
        @{ Scenario = 'a page has no description'; Message = "Set-FixtureItem: 'Set-FixtureItem.md' has no DESCRIPTION text."
            Edit = { param($d) Edit-Page $d 'Set-FixtureItem.md' "## DESCRIPTION`nChanges the color or the level of a fixture item.`n" '' } }
        @{ Scenario = 'a page has one example'; Message = "Get-FixtureItem: 'Get-FixtureItem.md' has 1 example(s); at least 2 are required."
            Edit = { param($d) Edit-Page $d 'Get-FixtureItem.md' '### Example 2 - Get an item by id' 'This is not an example heading.' } }
        @{ Scenario = 'an example has no code'; Message = "Set-FixtureItem: example 'Example 2 - Preview a change' in 'Set-FixtureItem.md' has no code block."
            Edit = { param($d) Edit-Page $d 'Set-FixtureItem.md' "``````powershell`nPS> Set-FixtureItem alpha -Level 3 -WhatIf`nWhat if: Performing the operation `"Set item`" on target `"alpha`".`n``````" '' } }
        @{ Scenario = 'a parameter is undocumented'; Message = "Set-FixtureItem: parameter -Level is not documented; add '### -Level' under '## PARAMETERS' in 'Set-FixtureItem.md'."
            Edit = { param($d) Edit-Page $d 'Set-FixtureItem.md' "### -Level`nThe new level, 0 to 9.`n" '' } }
        @{ Scenario = 'a parameter has no description'; Message = "Get-FixtureItem: parameter -Id has no description in 'Get-FixtureItem.md'."
            Edit = { param($d) Edit-Page $d 'Get-FixtureItem.md' "### -Id`nThe numeric id of an item.`n" "### -Id`n" } }
        @{ Scenario = 'a page documents a parameter that does not exist'; Message = "Set-FixtureItem: 'Set-FixtureItem.md' documents parameter -Colour, which the command does not have."
            Edit = { param($d) Edit-Page $d 'Set-FixtureItem.md' '### -Color' "### -Colour`nA typo.`n`n### -Color" } }
        @{ Scenario = 'the page title is another command'; Message = "Set-FixtureItem: the first heading of 'Set-FixtureItem.md' is '# Set-FixtureThing', expected '# Set-FixtureItem'."
            Edit = { param($d) Edit-Page $d 'Set-FixtureItem.md' '# Set-FixtureItem' '# Set-FixtureThing' } }
        @{ Scenario = 'the module page omits a command'; Message = "Set-FixtureItem: the module page 'HelpFixture.md' does not list it."
            Edit = { param($d) Edit-Page $d 'HelpFixture.md' '### [Set-FixtureItem](Set-FixtureItem.md)' '' } }
        @{ Scenario = 'an about page has no short description'; Message = "about_HelpFixture: 'about_HelpFixture.md' has no SHORT DESCRIPTION text."
            Edit = { param($d) Edit-Page $d 'about_HelpFixture.md' "The help generator's fixture module." '' } }
    ) {
        $run = Invoke-Generator ($Scenario -replace '\W', '') $Edit
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $run.Output | Should -BeLike "*help: $Message*"
        $run.Output | Should -Match 'help: 1 problem\(s\) in'
        Test-Path (Join-Path $run.Out 'HelpFixture-help.xml') | Should -BeFalse -Because 'no MAML is written when the docs are incomplete'
    }
}
