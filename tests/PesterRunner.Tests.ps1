# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# tools/PesterTest.ps1 (the runner behind build.ps1 -Task PesterTest) on a tiny fixture suite
# (tests/fixtures/runner), in a fresh pwsh whose output is redirected: one line per file and the failures
# on the console, without colour codes; the tests' noise only in the log.
BeforeAll {
    $script:RepoRoot = Split-Path $PSScriptRoot -Parent
    $script:Runner = Join-Path $RepoRoot 'tools/PesterTest.ps1'
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:PesterManifest = Join-Path (Split-Path (Get-Module Pester).Path) 'Pester.psd1'
    $script:Esc = [string][char]27

    function Invoke-Runner([string] $Name, [hashtable] $Environment = @{}) {
        $root = Join-Path $TestDrive $Name
        $tests = Join-Path $root 'tests'
        New-Item -ItemType Directory $tests -Force | Out-Null
        Copy-Item (Join-Path $PSScriptRoot 'fixtures/runner/*.Tests.ps1') $tests
        $results = Join-Path $root 'results'
        $summary = Join-Path $results 'summary.json'
        $log = Join-Path $results 'pester.log'
        $saved = @{}
        foreach ($k in @($Environment.Keys) + 'MGW_PESTER_FILTER') { $saved[$k] = [Environment]::GetEnvironmentVariable($k) }
        try {
            [Environment]::SetEnvironmentVariable('MGW_PESTER_FILTER', $null)
            foreach ($k in $Environment.Keys) { [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
            $stdout = Join-Path $root 'stdout.txt'
            & $Pwsh -NoProfile -NonInteractive -File $Runner -PesterPath $PesterManifest -TestPath $tests `
                -ResultPath $results -SummaryPath $summary -LogPath $log > $stdout 2> (Join-Path $root 'stderr.txt')
        }
        finally {
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
        [pscustomobject]@{
            Console = [IO.File]::ReadAllText($stdout)
            Stderr  = [IO.File]::ReadAllText((Join-Path $root 'stderr.txt'))
            Log     = (Test-Path $log) ? [IO.File]::ReadAllText($log) : ''
            Summary = (Test-Path $summary) ? (Get-Content -Raw $summary | ConvertFrom-Json) : $null
            Results = $results
        }
    }

    $script:Run = Invoke-Runner 'redirected'
}

Describe 'The Pester runner (tools/PesterTest.ps1)' {
    It 'counts the passed and failed tests of every file' {
        $Run.Summary.Passed | Should -Be 4 -Because $Run.Console
        $Run.Summary.Failed | Should -Be 1 -Because $Run.Console
    }

    It 'prints one line per file' {
        $Run.Console | Should -Match '(?m)^\s*\[FAIL\] Failing\.Tests\.ps1: 1 passed, 1 failed'
        $Run.Console | Should -Match '(?m)^\s*\[ ok \] Noisy\.Tests\.ps1: 3 passed, 0 failed'
        $Run.Stderr | Should -BeNullOrEmpty
    }

    It 'shows a failure: the test, its message and its location' {
        $Run.Console | Should -Match ([regex]::Escape('[-] test Half green.fails on purpose'))
        $Run.Console | Should -Match "expected-value"
        $Run.Console | Should -Match 'FIXTURE-REASON'
        $Run.Console | Should -Match 'Failing\.Tests\.ps1:10\b'
    }

    It 'keeps the passing tests'' noise off the console' {
        $Run.Console | Should -Not -Match 'NOISE-'
        $Run.Console | Should -Not -Match 'VERBOSE:|WARNING:|What if:'
        $Run.Console | Should -Not -Match 'passes quietly'
    }

    It 'writes the noise and the detailed report to the log' {
        foreach ($noise in 'NOISE-expected-error-record', 'WARNING: NOISE-warning', 'VERBOSE: NOISE-verbose',
            'NOISE-host-line', 'NOISE-table-cell', 'NOISE-child-cell', 'What if: Performing the operation "Set fixture thing" on target "NOISE-whatif-target".',
            'VERBOSE: NOISE-verbose-before-failure', '[+] passes quietly', '[-] fails on purpose') {
            $Run.Log | Should -Match ([regex]::Escape($noise)) -Because "'$noise' belongs in the log"
        }
    }

    It 'writes no ANSI escape to the redirected console or to the log' {
        $Run.Console | Should -Not -Match $Esc
        $Run.Log | Should -Not -Match $Esc
    }

    It 'writes NUnit XML per file' {
        Test-Path (Join-Path $Run.Results 'Pester/Failing.Tests.xml') | Should -BeTrue
        Test-Path (Join-Path $Run.Results 'Pester/Noisy.Tests.xml') | Should -BeTrue
    }

    It 'tells the child processes there is no colour (NO_COLOR)' {
        $Run.Log | Should -Match 'NO_COLOR=1' -Because 'the fixture prints what the runner passed on'
    }
}
