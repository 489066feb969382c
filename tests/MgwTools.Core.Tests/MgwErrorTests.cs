namespace MgwTools.Core.Tests;

public class MgwErrorTests
{
    [Fact]
    public void WithContext_SetsRowAndJobName_WithoutTouchingTheOriginal()
    {
        var finding = new MgwError { Code = MgwErrorCodes.InvalidJobName, Message = "bad" };

        MgwError placed = finding.WithContext(7, "job-1");

        Assert.Equal(7, placed.Row);
        Assert.Equal("job-1", placed.JobName);
        Assert.Null(finding.Row);
        Assert.Equal("Row 7 'job-1': bad [InvalidJobName]", placed.ToString());
    }

    [Theory]
    [InlineData(3, "nightly-a", false, "Row 3 'nightly-a': The job is gone.")]
    [InlineData(3, null, false, "Row 3: The job is gone.")]
    [InlineData(null, "nightly-a", true, "Job 'nightly-a': The job is gone.")]
    [InlineData(null, "nightly-a", false, "The job is gone.")]
    [InlineData(null, null, true, "The job is gone.")]
    public void ExceptionMessage_CarriesRowAndJob(int? row, string? job, bool fromService, string expected)
    {
        var error = new MgwError { Code = "NoSuchImportJob", Message = "The job is gone.", Row = row, JobName = job, StatusCode = fromService ? 404 : null };

        var exception = new MgwException(error);

        Assert.Equal(expected, exception.Message);
        Assert.Equal(expected, error.LocatedMessage);
        Assert.Equal("The job is gone.", exception.Error.Message);
    }

    [Fact]
    public void ExceptionMessage_DoesNotRepeatAJobTheServiceMessageNames()
    {
        var error = new MgwError { Code = "X", Message = "Job 'nightly-a' exists.", JobName = "nightly-a", StatusCode = 409 };

        Assert.Equal("Job 'nightly-a' exists.", new MgwException(error).Message);
    }

    [Fact]
    public void ContextConflict_IsBadInput()
    {
        Assert.Equal(MgwErrorKind.BadInput, new MgwError { Code = MgwErrorCodes.ContextConflict }.Kind);
    }

    [Fact]
    public void IsServiceError_OnlyWhenTheServiceAnswered()
    {
        Assert.False(new MgwError { Code = "X" }.IsServiceError);
        Assert.True(new MgwError { Code = "NoSuchImportJob", StatusCode = 404 }.IsServiceError);
    }
}
