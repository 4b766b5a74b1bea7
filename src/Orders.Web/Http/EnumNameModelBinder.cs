using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Orders.Web.Http;

/// <summary>
/// Binds an enum outside the body (the list's <c>status</c> and <c>side</c>) by one of its names under the
/// contract's naming policy, in any case, as the JSON body does: MVC's own binder also takes a number ("1") or
/// names joined as flags ("buy,sell"), which are not names.
/// </summary>
internal sealed class EnumNameModelBinder(JsonNamingPolicy namingPolicy) : IModelBinder, IModelBinderProvider
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
        var type = bindingContext.ModelMetadata.UnderlyingOrModelType;
        var member = Enum.GetNames(type).FirstOrDefault(name => namingPolicy.ConvertName(name).Equals(value.FirstValue, StringComparison.OrdinalIgnoreCase));
        if (member is null)
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"`{bindingContext.ModelName}` is not one of its names");
        }
        else
        {
            bindingContext.Result = ModelBindingResult.Success(Enum.Parse(type, member));
        }

        return Task.CompletedTask;
    }
}
