using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// A request body that can say which of its fields are wrong beyond what JSON binding catches
/// (types, codes, dates and missing fields are caught there). Checked before anything is loaded.
/// </summary>
public interface IValidatable
{
    IEnumerable<FieldError> Validate();
}

/// <summary>One wrong field, named by its JSON path ("fee.amount").</summary>
public readonly record struct FieldError(string Field, string Message);

/// <summary>Small checks that produce <see cref="FieldError"/>s; compose them with <c>yield return</c> or arrays.</summary>
public static class Check
{
    public static IEnumerable<FieldError> NotBlank(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) yield return new(field, "Is required and must not be blank.");
        else if (value.Length > maxLength) yield return new(field, $"Must be at most {maxLength} characters.");
    }

    public static IEnumerable<FieldError> NotNegative(decimal value, string field)
    {
        if (value < 0) yield return new(field, "Must not be negative.");
    }

    public static IEnumerable<FieldError> Positive(decimal value, string field)
    {
        if (value <= 0) yield return new(field, "Must be greater than zero.");
    }

    public static IEnumerable<FieldError> InRange(long value, long min, long max, string field)
    {
        if (value < min || value > max) yield return new(field, $"Must be between {min} and {max}.");
    }

    public static IEnumerable<FieldError> Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) yield return new(field, "Is not one of the allowed values.");
    }

    public static IEnumerable<FieldError> NotEmpty<T>(IReadOnlyCollection<T>? values, string field)
    {
        if (values is null || values.Count == 0) yield return new(field, "Must name at least one.");
    }

    /// <summary>Optional text: absent is fine, present must fit.</summary>
    public static IEnumerable<FieldError> MaxLength(string? value, string field, int maxLength)
    {
        if (value is not null && value.Length > maxLength) yield return new(field, $"Must be at most {maxLength} characters.");
    }

    /// <summary>A required amount of money, greater than zero, with its currency.</summary>
    public static IEnumerable<FieldError> PositiveMoney(Money? money, string field) => OfMoney(money, field, Positive);

    /// <summary>A required amount of money, zero or more, with its currency.</summary>
    public static IEnumerable<FieldError> NotNegativeMoney(Money? money, string field) => OfMoney(money, field, NotNegative);

    private static IEnumerable<FieldError> OfMoney(Money? money, string field, Func<decimal, string, IEnumerable<FieldError>> amount)
    {
        // JSON binding leaves a missing object null, and a missing currency default.
        if (money is null)
        {
            yield return new(field, "Is required.");
            yield break;
        }
        foreach (var error in amount(money.Amount, $"{field}.amount")) yield return error;
        if (money.Currency.Value is null) yield return new($"{field}.currency", "Is required.");
    }
}
