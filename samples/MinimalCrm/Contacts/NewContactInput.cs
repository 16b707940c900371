using System.ComponentModel.DataAnnotations;

namespace MinimalCrm.Contacts;

/// <summary>The "Add contact" form: a name and one or two phone numbers.</summary>
public sealed class NewContactInput
{
    /// <summary>The contact's name.</summary>
    [Required(ErrorMessage = "Give the contact a name."), StringLength(200)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The contact's company.</summary>
    [StringLength(200)]
    public string? Company { get; set; }

    /// <summary>The first number's label.</summary>
    [StringLength(40)]
    public string FirstLabel { get; set; } = "mobile";

    /// <summary>The first number, as typed.</summary>
    [Required(ErrorMessage = "Give at least one phone number.")]
    public string FirstNumber { get; set; } = string.Empty;

    /// <summary>The second number's label.</summary>
    [StringLength(40)]
    public string SecondLabel { get; set; } = "work";

    /// <summary>The second number, as typed (optional).</summary>
    public string? SecondNumber { get; set; }
}
