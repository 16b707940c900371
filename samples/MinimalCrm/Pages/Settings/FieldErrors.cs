using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MinimalCrm.Pages.Settings;

/// <summary>Shows a library service's validation errors next to the form's fields.</summary>
public static class FieldErrors
{
    /// <summary>
    /// Adds <paramref name="errors"/> (by field, camelCase as in the service's request: <c>url</c>, <c>eventTypes</c>) to
    /// the form's fields (<c>Input.Url</c>, <c>Input.EventTypes</c>), where <c>asp-validation-for</c> shows them.
    /// </summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field.Length == 0 ? string.Empty : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
            }
        }
    }
}
