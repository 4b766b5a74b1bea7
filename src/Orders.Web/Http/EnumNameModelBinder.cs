using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Orders.Web.Http;

/// <summary>
/// Binds an enum outside the body (the list's <c>status</c> and <c>side</c>) by one of its contract names, as the
/// JSON body does: MVC's own binder also takes a number ("1") or names joined as flags ("buy,sell"), which are not names.
/// </summary>
internal sealed class EnumNameModelBinder(ContractEnumNames enumNames) : IModelBinder, IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType.IsEnum && context.BindingInfo.BindingSource != BindingSource.Body ? this : null;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);

        // Absent or empty, the parameter keeps its default, as with MVC's binders.
        if (string.IsNullOrWhiteSpace(value.FirstValue))
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        if (enumNames.TryParse(bindingContext.ModelMetadata.UnderlyingOrModelType, value.FirstValue, out var parsed))
        {
            bindingContext.Result = ModelBindingResult.Success(parsed);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"`{bindingContext.ModelName}` is not one of its names");
        }

        return Task.CompletedTask;
    }
}
