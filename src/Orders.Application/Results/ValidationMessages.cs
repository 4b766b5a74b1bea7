namespace Orders.Application.Results;

/// <summary>Messages of an Invalid result that are not a domain rule's.</summary>
public static class ValidationMessages
{
    public const string Required = "A value is required";
}
