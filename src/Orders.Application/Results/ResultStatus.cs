namespace Orders.Application.Results;

public enum ResultStatus
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}
