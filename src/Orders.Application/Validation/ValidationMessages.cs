namespace Orders.Application.Validation;

/// <summary>Validators' messages that are not a domain rule's.</summary>
public static class ValidationMessages
{
    public const string Required = "A value is required";

    public const string SessionIdMessage = "A session id is 1 to 128 characters";

    public const string SequenceMessage = "A sequence is a whole number greater than 0";

    public const string KindMessage = "A kind is fill, cancelled or cancel_rejected";

    public const string NotNegativeMessage = "A quantity here is a whole number, 0 or more";
}
