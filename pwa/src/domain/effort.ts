/**
 * A rate of work in words a student can act on, as backend/goals/effort.py: "25 minutes a
 * day", "2 lessons a day", "6 lessons a week". Rounding always goes up.
 */
import { t } from "../i18n/messages";

export const DAILY_ROUNDING_SLACK = 0.25;
const EPSILON = 1e-9;

export interface Effort {
  per_day: number;
  quantity: number;
  quantity_unit: string;
  period: "day" | "week";
  phrase: string;
}

export function amountPhrase(count: number, unit: string): string {
  return t.units.count(count, unit);
}

export function durationPhrase(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return amountPhrase(rest, "minutes");
  if (rest === 0) return amountPhrase(hours, "hours");
  return t.pace.hoursMinutes(amountPhrase(hours, "hours"), amountPhrase(rest, "minutes"));
}

function roundUp(value: number, step: number): number {
  return step * Math.ceil(value / step - EPSILON);
}

export function describeEffort(perDay: number, unit: string, daysPerWeek: number): Effort {
  if (unit === "hours") {
    const minutes = perDay * 60;
    const step = minutes <= 60 + EPSILON ? 5 : 15;
    const rounded = Math.max(step, roundUp(minutes, step));
    return {
      per_day: perDay,
      quantity: rounded,
      quantity_unit: "minutes",
      period: "day",
      phrase: t.pace.perDay(durationPhrase(rounded)),
    };
  }
  const daily = Math.max(1, Math.ceil(perDay - EPSILON));
  if (perDay > 0 && daily - perDay <= DAILY_ROUNDING_SLACK * perDay + EPSILON) {
    return {
      per_day: perDay,
      quantity: daily,
      quantity_unit: unit,
      period: "day",
      phrase: t.pace.perDay(amountPhrase(daily, unit)),
    };
  }
  const weekly = Math.max(1, Math.ceil(perDay * Math.max(1, daysPerWeek) - EPSILON));
  return {
    per_day: perDay,
    quantity: weekly,
    quantity_unit: unit,
    period: "week",
    phrase: t.pace.perWeek(amountPhrase(weekly, unit)),
  };
}
