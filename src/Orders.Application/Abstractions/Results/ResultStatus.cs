namespace Orders.Application.Abstractions.Results;

public enum ResultStatus
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}
