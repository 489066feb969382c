# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Every example of every help page (docs/en-US) that is not marked not-runnable runs against fresh local
# services, in a fresh pwsh per page, and prints what the page shows (values that differ from run to run
# masked: dates, times, IDs, ports, durations, key ids). The markers and the comparison: tests/HelpExamples.ps1.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'HelpExamples.ps1')
    $docs = Join-Path (Split-Path $PSScriptRoot -Parent) 'docs/en-US'
    # Inner loop: MGW_HELP_EXAMPLES=<page name wildcard> runs the examples of those pages only.
    $only = $env:MGW_HELP_EXAMPLES ? $env:MGW_HELP_EXAMPLES : '*'
    $script:Pages = @(Get-ChildItem $docs -Filter '*.md' | Where-Object BaseName -Like $only | Sort-Object Name | ForEach-Object {
            $examples = @(Read-HelpExample $_.FullName)
            if ($examples) {
                $runnable = @($examples | Where-Object Runnable | ForEach-Object { @{ Number = $_.Number; Title = $_.Title } })
                @{ Page = $_.BaseName; Path = $_.FullName; Examples = $examples; Runnable = $runnable }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'HelpExamples.ps1')
    $script:RepoRoot = Split-Path $PSScriptRoot -Parent
    $script:ModuleManifest = Join-Path $RepoRoot 'output/MgwTools/MgwTools.psd1'
    $script:DocsExamples = Join-Path $RepoRoot 'docs/examples'

    function Format-Mismatch($Example, [int] $Index, $Comparison, $Run) {
        $command = $Example.Commands[$Index].Command
        @(
            "$($Example.Page).md example $($Example.Number) ('$($Example.Title)', line $($Example.Line)), command $($Index + 1): PS> $command"
            '--- the page shows (compared form):'
            $Comparison.Expected
            '--- the command printed (compared form):'
            $Comparison.Actual
        ) -join "`n"
    }
}

Describe 'Help examples: the harness (tests/fixtures/examples)' {
    BeforeAll {
        $script:Fixture = @(Read-HelpExample (Join-Path $PSScriptRoot 'fixtures/examples/Get-ExampleFixture.md'))
        $script:FixtureRun = Invoke-PageExample @($Fixture | Where-Object Runnable) (Join-Path $TestDrive 'fixture') $ModuleManifest $DocsExamples
        function Get-FixtureComparison([int] $Number, [int] $Index = 0) {
            $example = $Fixture | Where-Object Number -EQ $Number
            $result = $FixtureRun.Results[$Number]
            Test-ExampleOutput $example.Commands[$Index].Expected ([string[]]$result.Commands[$Index])
        }
    }

    It 'reads the examples, their commands, output, setup and markers' {
        $Fixture.Count | Should -Be 9
        $Fixture[0].Title | Should -Be 'Example 1 - A table whose IDs and dates differ from run to run'
        $Fixture[0].Commands.Count | Should -Be 1
        $Fixture[0].Commands[0].Command | Should -BeLike "``[pscustomobject``]@{*"
        $Fixture[0].Setup | Should -Be '$script:PageSetupRan = $true'
        $Fixture[2].Setup | Should -Be ('$script:PageSetupRan = $true' + "`n" + '$fixtureValue = ''from setup''' + "`n" + '$fixtureCount = 2')
        ($Fixture | Where-Object Number -EQ 5).Runnable | Should -BeFalse
        ($Fixture | Where-Object Number -EQ 5).Reason | Should -Be 'needs a real account'
    }

    It 'matches a table with masked IDs and dates, whatever the column widths' {
        (Get-FixtureComparison 1).Match | Should -BeTrue -Because ($FixtureRun.Output -join "`n")
    }

    It 'finds a value that drifted' {
        $c = Get-FixtureComparison 2
        $c.Match | Should -BeFalse
        $c.Expected | Should -Contain 'Name Count'
        $c.Actual | Should -Contain 'beta 3'
    }

    It 'runs the page''s and the example''s setup first, and lets ellipsis stand for lines' {
        (Get-FixtureComparison 3).Match | Should -BeTrue -Because ($FixtureRun.Output -join "`n")
        (Get-FixtureComparison 3 1).Match | Should -BeTrue -Because ($FixtureRun.Output -join "`n")
    }

    It 'keeps examples apart: no variable, directory or environment of another example' {
        (Get-FixtureComparison 4).Match | Should -BeTrue -Because ($FixtureRun.Output -join "`n")
    }

    It 'does not run an example marked not-runnable' {
        $FixtureRun.Results.ContainsKey(5) | Should -BeFalse
    }

    It 'reads a marker of another kind (known-drift) as unknown, and still runs and checks that example' {
        $drift = $Fixture | Where-Object Number -EQ 7
        $drift.Unknown | Should -Be @('known-drift')
        $drift.Runnable | Should -BeTrue
        ($Fixture | Where-Object Number -NE 7).Unknown | Should -BeNullOrEmpty
        (Get-FixtureComparison 7).Match | Should -BeFalse
    }

    It 'lets an ellipsis within a line stand for any text there, and only there' {
        (Get-FixtureComparison 8).Match | Should -BeTrue -Because ($FixtureRun.Output -join "`n")
        (Test-ExampleOutput 'took … rounds, then stopped' 'took 42 rounds, then went on').Match | Should -BeFalse
        (Test-ExampleOutput 'took … rounds' 'took 42 laps').Match | Should -BeFalse
        # '...' within a line is text (messages quote regexes such as '(?<=...)').
        (Test-ExampleOutput 'took ... rounds' 'took 42 rounds').Match | Should -BeFalse
    }

    It 'moves a local service''s manual clock while a job a setup names runs (Start-ExampleClock), and stops it where the job ended' {
        foreach ($i in 0..1) {
            $c = Get-FixtureComparison 9 $i
            $c.Match | Should -BeTrue -Because "command $i`n$($c.Expected -join "`n")`n---`n$($c.Actual -join "`n")`n$($FixtureRun.Stderr)"
        }
    }

    It 'shows errors, warnings, verbose and what-if lines as the console does' {
        foreach ($i in 0..2) {
            $c = Get-FixtureComparison 6 $i
            $c.Match | Should -BeTrue -Because "command $i`n$($c.Expected -join "`n")`n---`n$($c.Actual -join "`n")"
        }
    }

    It 'masks what differs from run to run and nothing else' {
        ConvertTo-ComparableLine 'Version : 7e30b349-0c07-413d-bc51-c41ac33d015e' | Should -Be 'Version : <id>'
        ConvertTo-ComparableLine 'CreateTime : 12/03/2026 08:33:25 +00:00' | Should -Be 'CreateTime : <date>'
        ConvertTo-ComparableLine 'http://127.0.0.1:40555/  LTAILijY9UKpY6WPN2YSE9mm True' | Should -Be 'http://127.0.0.1:<port>/ <key-id> True'
        ConvertTo-ComparableLine 'RequestId  : C993936F3783EE3CED77B3F6' | Should -Be 'RequestId : <request-id>'
        ConvertTo-ComparableLine '2026-12-03T08:39:37Z (Manual)' | Should -Be '<date> (Manual)'
        ConvertTo-ComparableLine '--- ----   -------' | Should -Be '- - -'
        ConvertTo-ComparableLine "Profile 'p' in '/home/ops/.aliyun/config.json' uses ./docs/x.csv" | Should -Be "Profile 'p' in '<path>' uses ./docs/x.csv"
        ConvertTo-ComparableLine 'nightly-images IMPORT_JOB_SUSPEND 500' | Should -Be 'nightly-images IMPORT_JOB_SUSPEND 500'
    }
}

Describe 'tools/Update-HelpExample.ps1: re-records examples the harness''s way' {
    BeforeAll {
        $script:Tool = Join-Path $RepoRoot 'tools/Update-HelpExample.ps1'
        $script:Page = Join-Path $TestDrive 'Get-ExampleFixture.md'
        Copy-Item (Join-Path $PSScriptRoot 'fixtures/examples/Get-ExampleFixture.md') $Page
        $script:Before = [IO.File]::ReadAllText($Page)
        $script:Said = @(& $Tool -Page $Page -Example 2, 3, 5 -Write -WarningVariable warned -WarningAction SilentlyContinue)
        $script:Warned = @($warned | ForEach-Object { [string]$_.Message })
        $script:After = [IO.File]::ReadAllText($Page)
    }

    It 'says which examples match and prints what a drifted one prints' {
        $Said | Should -Contain 'Get-ExampleFixture example 3 (Example 3 - Setup, and an ellipsis): matches'
        $Said | Should -Contain 'Get-ExampleFixture example 2 (Example 2 - A value that drifted): differs; it prints:'
        $Said | Should -Contain "Wrote 1 example(s) into $Page."
        $Warned | Should -Be @('Get-ExampleFixture example 5 is not runnable (needs a real account); not run.')
    }

    It 'rewrites only the code block of the example that drifted, with what it printed' {
        $drifted = (Read-HelpExample $Page) | Where-Object Number -EQ 2
        $drifted.Commands[0].Command | Should -Be '[pscustomobject]@{ Name = ''beta''; Count = 3 }'
        $drifted.Commands[0].Expected | Should -Be @('', 'Name Count', '---- -----', 'beta     3')
        $expected = $Before -replace '(?m)^beta     2$', 'beta     3'
        $After | Should -BeExactly $expected
    }

    It 'finds the page matching once it is written (examples given as pwsh -File passes them: ''2,3'')' {
        & $Tool -Page $Page -Example '2,3' | Should -Be @(
            'Get-ExampleFixture example 2 (Example 2 - A value that drifted): matches'
            'Get-ExampleFixture example 3 (Example 3 - Setup, and an ellipsis): matches')
    }
}

Describe 'Help examples of <Page>' -ForEach $Pages {
    BeforeAll {
        $script:PageExamples = $Examples
        $toRun = @($Examples | Where-Object Runnable)
        $script:PageRun = if ($toRun) {
            Invoke-PageExample $toRun (Join-Path $TestDrive $Page) $ModuleManifest $DocsExamples
        }
    }

    It 'marks every example it does not run with a reason' {
        foreach ($e in $PageExamples | Where-Object { -not $_.Runnable }) {
            $e.Reason | Should -Not -BeNullOrEmpty -Because "$Page.md example $($e.Number) is not-runnable"
        }
    }

    It 'uses no marker but setup and not-runnable (an example that drifted is re-recorded, not marked)' {
        foreach ($e in $PageExamples) {
            $e.Unknown | Should -BeNullOrEmpty -Because "$Page.md example $($e.Number) has the marker(s) '$($e.Unknown -join "', '")'"
        }
    }

    It '<Page> example <Number> runs and prints what the page shows' -ForEach $Runnable {
        $example = $PageExamples | Where-Object Number -EQ $Number
        $result = $PageRun.Results[$Number]
        $result | Should -Not -BeNullOrEmpty -Because "$Page.md example $Number did not start; the page's pwsh printed:`n$($PageRun.Output -join "`n")`n$($PageRun.Stderr)"
        $result.SetupError | Should -BeNullOrEmpty -Because "the setup of $Page.md example $Number failed"
        $result.Finished | Should -BeTrue -Because "$Page.md example $Number did not finish:`n$($PageRun.Stderr)"
        for ($i = 0; $i -lt $example.Commands.Count; $i++) {
            $comparison = Test-ExampleOutput $example.Commands[$i].Expected ([string[]]$result.Commands[$i])
            $comparison.Match | Should -BeTrue -Because (Format-Mismatch $example $i $comparison $PageRun)
        }
    }
}
