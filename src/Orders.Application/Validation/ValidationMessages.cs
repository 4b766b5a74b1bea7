namespace Orders.Application.Validation;

/// <summary>Validators' messages that are not a domain rule's.</summary>
public static class ValidationMessages
{
    public const string Required = "A value is required";
}
