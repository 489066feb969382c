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
        Assert.Equal("row 7: InvalidJobName: bad", placed.ToString());
    }

    [Fact]
    public void IsServiceError_OnlyWhenTheServiceAnswered()
    {
        Assert.False(new MgwError { Code = "X" }.IsServiceError);
        Assert.True(new MgwError { Code = "NoSuchImportJob", StatusCode = 404 }.IsServiceError);
    }
}
