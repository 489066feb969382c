# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Reliability (issue #4 item 6): 300 CSV rows against the local service while 20% of requests fail, including
# "commit then drop" (the job is created, the answer is lost). Every good row must end as exactly one job, every
# bad row as one error naming its row, and a re-run with -SkipExisting must create nothing and return every job.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')

    $sources = 1..20 | ForEach-Object { 'src-{0:d2}' -f $_ }
    $destinations = 1..15 | ForEach-Object { 'dest-{0:d2}' -f $_ }
    # One address pair per row (the service refuses two jobs on one pair); every 20th row has a bandwidth typo.
    $rows = for ($i = 0; $i -lt 300; $i++) {
        [pscustomobject][ordered]@{
            'job-name'       = 'bulk-job-{0:d3}' -f ($i + 1)
            'src-address'    = $sources[$i % 20]
            'dest-address'   = $destinations[[math]::Floor($i / 20)]
            'overwrite-mode' = 'always'
            'transfer-mode'  = ('all', 'lastmodified')[$i % 2]
            'max-bandwidth'  = if (($i + 1) % 20 -eq 0) { 'very fast' } else { '{0}Mbps' -f (100 + $i) }
            'Tags'           = "batch:b$($i % 7)"
        }
    }
    $script:CsvPath = Join-Path $TestDrive 'bulk.csv'
    $rows | Export-Csv $CsvPath -NoTypeInformation
    $script:BadRows = 1..300 | Where-Object { $_ % 20 -eq 0 }
    $script:GoodCount = 300 - $BadRows.Count

    $script:Service = Start-MgwEmulator -Address ($sources + $destinations) -FaultRate 0.2 `
        -Fault ServerError, ServiceUnavailable, RetryAfter, Drop, CommitThenDrop -Seed 20261128 -PassThru
    # Enough retries that a run of five faults in a row on one request (0.2^11 per request) cannot lose a row.
    $script:First = @(Import-Csv $CsvPath | New-MgwJob -ThrottleLimit 8 -MaxRetries 10 -ErrorVariable firstErrors -ErrorAction SilentlyContinue)
    $script:FirstErrors = @($firstErrors)
    $script:StatsAfterFirst = $Service.Stats
    $script:CountAfterFirst = $Service.JobCount
}

AfterAll { Stop-AllEmulators }

Describe 'New-MgwJob with 20% injected faults' {
    It 'injected every kind of fault, commit-then-drop included' {
        $StatsAfterFirst.Faults | Should -BeGreaterThan 50
        foreach ($kind in 'ServerError', 'ServiceUnavailable', 'RetryAfter', 'Drop', 'CommitThenDrop') {
            $StatsAfterFirst.Count([MgwTools.Emulator.EmulatorFault]$kind) | Should -BeGreaterThan 0 -Because "$kind faults were asked for"
        }
    }

    It 'returns every good row as exactly one job, with its row and definition' {
        $First.Count | Should -Be $GoodCount
        ($First.Name | Sort-Object -Unique).Count | Should -Be $GoodCount
        $expectedRows = 1..300 | Where-Object { $_ -notin $BadRows }
        ($First.Row | Sort-Object) | Should -Be $expectedRows
        $csv = Import-Csv $CsvPath
        foreach ($job in $First) {
            $row = $csv[$job.Row - 1]
            $job.Name | Should -Be $row.'job-name'
            $job.SourceAddress | Should -Be $row.'src-address'
            $job.DestinationAddress | Should -Be $row.'dest-address'
        }
    }

    It 'gives every bad row one error naming its row, and no other errors' {
        $FirstErrors.Count | Should -Be $BadRows.Count
        ($FirstErrors.Exception.Error.Row | Sort-Object) | Should -Be $BadRows
        $FirstErrors.FullyQualifiedErrorId | Select-Object -Unique | Should -Be 'InvalidBandwidth,MgwTools.Commands.NewMgwJobCommand'
    }

    It 'leaves exactly as many jobs on the service as it returned' {
        $CountAfterFirst | Should -Be $First.Count
        $StatsAfterFirst.JobsCreated | Should -Be $First.Count
    }

    It 'creates nothing on a re-run with -SkipExisting and returns every job as it is' {
        $again = @(Import-Csv $CsvPath | New-MgwJob -SkipExisting -ThrottleLimit 8 -MaxRetries 10 -ErrorVariable againErrors -ErrorAction SilentlyContinue)
        $again.Count | Should -Be $GoodCount
        $Service.JobCount | Should -Be $CountAfterFirst
        $Service.Stats.JobsCreated | Should -Be $StatsAfterFirst.JobsCreated
        $versions = @{}; foreach ($job in $First) { $versions[$job.Name] = $job.Version }
        foreach ($job in $again) { $job.Version | Should -Be $versions[$job.Name] }
        @($againErrors).Count | Should -Be $BadRows.Count
    }
}
